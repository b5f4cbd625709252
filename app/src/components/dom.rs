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

/// Sets the value of `form`'s input named `name`, if it has one.
pub fn set_input(form: &web_sys::HtmlFormElement, name: &str, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = form
        .query_selector(&format!("input[name={name}]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(value);
    }
}
