//! The page as the browser holds it, for islands that read or mark
//! server-rendered parts of it.

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `<html>`.
pub fn root() -> Option<web_sys::Element> {
    document()?.document_element()
}

pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}
