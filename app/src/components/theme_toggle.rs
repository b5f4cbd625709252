//! Light/dark theme switch. The choice is kept in the browser's local storage;
//! without a stored choice the page follows the system preference.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub const STORAGE_KEY: &'static str = "rehearse-theme";

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

#[island]
pub fn ThemeToggle() -> impl IntoView {
    // Unknown while rendering on the server; the browser fills it in after
    // hydration from what the boot script put on <html>.
    let theme = RwSignal::new(None::<Theme>);
    Effect::new(move |_| theme.set(Some(browser::current())));

    let toggle = move |_| {
        let next = theme.get_untracked().unwrap_or(Theme::Light).other();
        browser::apply(next);
        theme.set(Some(next));
    };
    let label = move || match theme.get() {
        Some(Theme::Dark) => "Switch to light theme",
        Some(Theme::Light) => "Switch to dark theme",
        None => "Switch colour theme",
    };

    view! {
        <button
            type="button"
            class="theme-toggle"
            on:click=toggle
            aria-label=label
            title=label
            data-theme-current=move || theme.get().map(Theme::as_str)
        >
            <svg class="theme-toggle__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 3a9 9 0 1 0 9 9A9 9 0 0 0 12 3Zm0 16V5a7 7 0 0 1 0 14Z" />
            </svg>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Theme;
    use crate::components::dom::root;

    pub fn current() -> Theme {
        root()
            .and_then(|el| el.get_attribute("data-theme"))
            .and_then(|value| Theme::parse(&value))
            .unwrap_or(Theme::Light)
    }

    pub fn apply(theme: Theme) {
        if let Some(el) = root() {
            // Setting an attribute on <html> cannot fail in practice; a
            // failure would only leave the old theme showing.
            let _ = el.set_attribute("data-theme", theme.as_str());
        }
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            // Private browsing may refuse storage: the theme still switches
            // for this page, it just is not remembered.
            let _ = storage.set_item(Theme::STORAGE_KEY, theme.as_str());
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Theme;

    pub fn current() -> Theme {
        Theme::Light
    }

    pub fn apply(_theme: Theme) {}
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn theme_names_round_trip_and_toggle() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
            assert_ne!(theme.other(), theme);
            assert_eq!(theme.other().other(), theme);
        }
        assert_eq!(Theme::parse("sepia"), None);
    }
}
