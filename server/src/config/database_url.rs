use super::ConfigError;

const SETTING: &str = "DATABASE_URL (--database-url)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

/// A database URL whose kind is known. The URL may carry a password, so its
/// `Display` form hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    kind: DatabaseKind,
    url: String,
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let url = raw.trim();
        let kind = if url.starts_with("sqlite:") {
            DatabaseKind::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DatabaseKind::Postgres
        } else {
            return Err(ConfigError::new(
                SETTING,
                format!(
                    "'{}' is not a database URL; use sqlite://data/rehearse.db or postgres://user@host/db",
                    redact(url)
                ),
            ));
        };
        if kind == DatabaseKind::Postgres {
            let parsed = url::Url::parse(url).map_err(|e| {
                ConfigError::new(
                    SETTING,
                    format!("'{}' is not a valid URL ({e})", redact(url)),
                )
            })?;
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(ConfigError::new(SETTING, "the PostgreSQL URL needs a host"));
            }
        }
        if kind == DatabaseKind::Sqlite && sqlite_path_of(url).is_empty() {
            return Err(ConfigError::new(
                SETTING,
                "the SQLite URL needs a file path, e.g. sqlite://data/rehearse.db",
            ));
        }
        Ok(Self {
            kind,
            url: url.to_string(),
        })
    }

    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The file a SQLite URL points at, if it points at a file.
    pub fn sqlite_file(&self) -> Option<&str> {
        match self.kind {
            DatabaseKind::Sqlite => {
                let path = sqlite_path_of(&self.url);
                (path != ":memory:").then_some(path)
            }
            DatabaseKind::Postgres => None,
        }
    }
}

fn sqlite_path_of(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or_default()
}

/// The URL with any password replaced, fit for logs and error messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Only fails for URLs that cannot have a password, which this has.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact(&self.url))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_and_postgres_urls_are_recognised() {
        let sqlite = DatabaseUrl::parse("sqlite://data/rehearse.db?mode=rwc").unwrap();
        assert_eq!(sqlite.kind(), DatabaseKind::Sqlite);
        assert_eq!(sqlite.sqlite_file(), Some("data/rehearse.db"));
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:").unwrap().sqlite_file(),
            None
        );
        for pg in [
            "postgres://postgres@127.0.0.1:5432/db",
            "postgresql://u:p@db/x",
        ] {
            assert_eq!(
                DatabaseUrl::parse(pg).unwrap().kind(),
                DatabaseKind::Postgres
            );
        }
    }

    #[test]
    fn nonsense_is_refused_with_the_setting_named() {
        for bad in [
            "nonsense",
            "mysql://root@localhost/db",
            "",
            "sqlite://",
            "postgres://",
        ] {
            let error = DatabaseUrl::parse(bad).unwrap_err();
            assert_eq!(error.setting, SETTING, "{bad}");
        }
    }

    #[test]
    fn passwords_never_reach_the_display_form() {
        let url = DatabaseUrl::parse("postgres://app:hunter2@db.internal/rehearse").unwrap();
        assert!(!url.to_string().contains("hunter2"));
        assert!(!format!("{url:?}").contains("hunter2"));
        let error = DatabaseUrl::parse("pg://app:hunter2@db.internal/rehearse").unwrap_err();
        assert!(!error.to_string().contains("hunter2"));
    }
}
