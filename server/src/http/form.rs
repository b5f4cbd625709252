//! A form post read into one of the model's form types.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// An `application/x-www-form-urlencoded` body read into `T`. Repeated
/// fields fill a `Vec`; a body that is no form of `T`'s (an unknown
/// `form`, say) is refused with 400.
pub struct Form<T>(pub T);

/// Reads a form body into `T`.
pub fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_html_form::de::Error> {
    serde_html_form::from_bytes(body)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        read(&body).map(Form).map_err(|_| unknown())
    }
}

/// A bad request no form could be: the same answer as a body that is no
/// form of the handler's.
pub fn unknown() -> Response {
    (StatusCode::BAD_REQUEST, "Unknown form.").into_response()
}

#[cfg(test)]
mod tests {
    use app::model::{AnswerPost, Checkbox, GenerateForm, Number, PracticeForm, SettingsForm};

    use super::read;

    #[test]
    fn every_page_form_reads_into_its_type() {
        let generate: GenerateForm =
            read(b"role=data-analyst&kinds=behavioral&kinds=technical&count=7").unwrap();
        assert_eq!(generate.kinds, ["behavioral", "technical"]);
        assert_eq!(generate.count.as_deref(), Some("7"));

        let answer: PracticeForm =
            read(b"form=answer&q=2&answer=Hi&idempotency_key=k-1&draft_revision=x").unwrap();
        assert!(matches!(
            answer,
            PracticeForm::Answer(AnswerPost {
                q: Number(Some(2)),
                draft_revision: Number(None),
                ..
            })
        ));
        let delete: PracticeForm = read(b"form=delete&attempt=5").unwrap();
        assert_eq!(
            delete,
            PracticeForm::Delete {
                attempt: Number(Some(5))
            }
        );
        assert!(read::<PracticeForm>(b"form=launch&attempt=5").is_err());

        let password: SettingsForm =
            read(b"form=password&current_password=a&new_password=b").unwrap();
        assert!(matches!(password, SettingsForm::Password(change)
            if change.current_password == "a" && change.new_password == "b"));
        let practice: SettingsForm = read(b"form=practice&confirm=true").unwrap();
        assert_eq!(
            practice,
            SettingsForm::Practice {
                confirm: Checkbox(true)
            }
        );
        let unticked: SettingsForm = read(b"form=delete&password=p").unwrap();
        assert_eq!(
            unticked,
            SettingsForm::Delete {
                password: "p".into(),
                confirm: Checkbox(false)
            }
        );
    }
}
