//! The OpenAPI 3 document for `/api/v1`.

use axum::Json;
use serde_json::Value;

static DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> Json<Value> {
    Json(serde_json::from_str(DOCUMENT).expect("openapi.json is valid JSON, checked by a test"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_valid_json_with_every_route() {
        let doc: serde_json::Value = serde_json::from_str(super::DOCUMENT).unwrap();
        assert_eq!(doc["openapi"], "3.0.3");
        for path in [
            "/api/v1/question-sets",
            "/api/v1/question-sets/{slug}",
            "/api/v1/question-sets/{slug}/listing",
            "/api/v1/me/reviews",
            "/api/v1/me/reviews/{question}/postpone",
            "/api/v1/me/stories",
            "/api/v1/me/stories/{id}",
            "/api/v1/me/stories/{id}/use",
            "/api/v1/assessments/{id}/story",
            "/api/v1/roles",
            "/api/v1/roles/{slug}",
        ] {
            assert!(doc["paths"][path].is_object(), "{path}");
        }
    }
}
