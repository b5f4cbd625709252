//! Accounts: signing up, logging in and out, sessions, and the account's own
//! data. The HTTP layer turns the tokens this returns into cookies.

use std::time::Duration;

use app::api::port::{Accounts, Requester, Session};
use app::model::{
    AccountDeletion, AccountExport, AppError, LoginInput, Password, PasswordChange, Problems,
    SignupInput, Viewer,
};
use chrono::{DateTime, Utc};

mod data;

use super::internal;
use super::rate_limit::{FailureLimit, RateLimit, Slot, client_key};
use crate::auth::tokens;
use crate::auth::{Passwords, rules};
use crate::db;
use crate::db::accounts::{self as store, CreateError, User};

/// A session ends this long after the last request made with it.
pub const IDLE_EXPIRY: chrono::Duration = chrono::Duration::days(14);
/// And this long after login, however busy.
pub const ABSOLUTE_EXPIRY: chrono::Duration = chrono::Duration::days(30);
/// `last_seen_at` is written at most this often per session.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(10);

/// Failed logins allowed per account, and per address, in the window.
pub const ACCOUNT_FAILURES: u32 = 10;
pub const ADDRESS_FAILURES: u32 = 50;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

pub struct AccountService {
    db: db::Db,
    passwords: Passwords,
    per_account: FailureLimit,
    per_address: FailureLimit,
    signups: RateLimit,
}

pub fn viewer(user: &User) -> Viewer {
    Viewer {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        retention_days: user.retention_days.and_then(|d| u32::try_from(d).ok()),
        review_reminders: user.review_reminders,
    }
}

impl AccountService {
    /// `signups_per_hour`: accounts one address may create per hour (0: no
    /// limit).
    pub fn new(db: db::Db, passwords: Passwords, signups_per_hour: u32) -> Self {
        Self {
            db,
            passwords,
            per_account: FailureLimit {
                limit: ACCOUNT_FAILURES,
                window: FAILURE_WINDOW,
            },
            per_address: FailureLimit {
                limit: ADDRESS_FAILURES,
                window: FAILURE_WINDOW,
            },
            signups: RateLimit {
                limit: signups_per_hour,
                window: Duration::from_secs(3600),
            },
        }
    }

    /// One password guess's slots, per account and per address, taken
    /// before the guess is hashed; refused once either limit is reached.
    async fn take_slots(
        &self,
        email: &str,
        requester: &Requester,
        now: DateTime<Utc>,
    ) -> Result<[Slot; 2], AppError> {
        // Keyed by a digest, so the counters never hold an email address.
        let account_key = format!("login-fail:account:{}", tokens::digest(email));
        let address_key = format!("login-fail:address:{}", client_key(requester.ip));
        let account = self
            .per_account
            .reserve(self.db.write(), &account_key, now)
            .await?;
        match self
            .per_address
            .reserve(self.db.write(), &address_key, now)
            .await
        {
            Ok(address) => Ok([account, address]),
            Err(refused) => {
                account.release(self.db.write()).await;
                Err(refused)
            }
        }
    }

    async fn give_back(&self, slots: [Slot; 2]) {
        for slot in slots {
            slot.release(self.db.write()).await;
        }
    }

    /// The account whose password this is, if any.
    async fn check_credentials(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Option<User>, AppError> {
        let user = store::user_by_email(self.db.read(), email)
            .await
            .map_err(|e| internal("looking up an account failed", e))?;
        // An unknown email costs a hash check too, so the two failures
        // cannot be told apart by their timing.
        let matched = self
            .passwords
            .verify(password, user.as_ref().map(|u| u.password_hash.as_str()))
            .await
            .map_err(|e| internal("checking a password failed", e))?;
        Ok(user.filter(|_| matched))
    }

    /// A fresh session for `user`, with this browser's anonymous sets
    /// moved into the account.
    async fn open(
        &self,
        user: &User,
        requester: &Requester,
        now: DateTime<Utc>,
    ) -> Result<Session, AppError> {
        // Never carry a session id across a login: whatever this browser
        // held before is ended, and the new session gets a new id.
        if let Some(previous) = &requester.session {
            let _ = store::delete_session(self.db.write(), previous).await;
        }
        let token = tokens::new_secret();
        store::create_session(
            self.db.write(),
            &tokens::digest(&token),
            user.id,
            now,
            now + ABSOLUTE_EXPIRY,
        )
        .await
        .map_err(|e| internal("creating a session failed", e))?;
        if let Some(claim) = &requester.claim_token {
            match db::sets::claim_for(self.db.write(), &tokens::digest(claim), user.id).await {
                Ok(0) => {}
                Ok(claimed) => {
                    self.db.sets().clear();
                    tracing::info!(user = user.id, claimed, "anonymous sets claimed");
                }
                Err(error) => tracing::error!(%error, "claiming anonymous sets failed"),
            }
        }
        Ok(Session {
            token,
            viewer: viewer(user),
        })
    }

    async fn current_user(&self, requester: &Requester) -> Result<User, AppError> {
        let viewer = requester.user.as_ref().ok_or(AppError::Unauthorized)?;
        store::user_by_id(self.db.read(), viewer.id)
            .await
            .map_err(|e| internal("loading an account failed", e))?
            .ok_or(AppError::Unauthorized)
    }

    /// Checks the account's password for a sensitive change, counting a
    /// wrong one like a failed login.
    async fn require_password(
        &self,
        user: &User,
        password: &str,
        field: &str,
        requester: &Requester,
    ) -> Result<(), AppError> {
        let slots = self.take_slots(&user.email, requester, Utc::now()).await?;
        let matched = self
            .passwords
            .verify(password, Some(&user.password_hash))
            .await;
        match matched {
            Ok(true) => {
                self.give_back(slots).await;
                return Ok(());
            }
            Ok(false) => {}
            Err(e) => {
                self.give_back(slots).await;
                return Err(internal("checking a password failed", e));
            }
        }
        Err(AppError::invalid(
            field,
            "That is not your current password.",
        ))
    }
}

#[async_trait::async_trait]
impl Accounts for AccountService {
    async fn signup(&self, input: SignupInput, requester: &Requester) -> Result<Session, AppError> {
        let account = input.parse(rules::new_password)?;
        self.signups
            .check(self.db.write(), "signup", requester.ip, Utc::now())
            .await?;
        let hash = self
            .passwords
            .hash(&account.password)
            .await
            .map_err(|e| internal("hashing a password failed", e))?;
        let now = Utc::now();
        let user = match store::create_user(
            self.db.write(),
            &account.email,
            &hash,
            account.display_name.as_deref(),
            now,
        )
        .await
        {
            Ok(user) => user,
            Err(CreateError::EmailTaken) => {
                return Err(AppError::invalid(
                    "email",
                    "There is already an account with this email. Log in instead.",
                ));
            }
            Err(CreateError::Db(e)) => return Err(internal("creating an account failed", e)),
        };
        tracing::info!(user = user.id, "account created");
        self.open(&user, requester, now).await
    }

    async fn login(&self, input: LoginInput, requester: &Requester) -> Result<Session, AppError> {
        let (email, password) = input.parse()?;
        let now = Utc::now();
        let slots = self.take_slots(&email, requester, now).await?;
        let checked = self.check_credentials(&email, &password).await;
        match checked {
            Ok(Some(user)) => {
                self.give_back(slots).await;
                self.open(&user, requester, now).await
            }
            Ok(None) => {
                // Both slots stay taken: they count this failure.
                tracing::info!("login failed");
                Err(AppError::BadCredentials)
            }
            Err(error) => {
                // No guess was judged, so none is counted.
                self.give_back(slots).await;
                Err(error)
            }
        }
    }

    async fn logout(&self, requester: &Requester) -> Result<(), AppError> {
        if let Some(session) = &requester.session {
            store::delete_session(self.db.write(), session)
                .await
                .map_err(|e| internal("ending a session failed", e))?;
        }
        Ok(())
    }

    /// The account a session cookie's token opens, if the session is live.
    /// Expired sessions are deleted on sight.
    async fn session(&self, token: &str) -> Option<(Viewer, String)> {
        let now = Utc::now();
        let digest = tokens::digest(token);
        let (session, user) = match store::session_with_user(self.db.read(), &digest).await {
            Ok(Some(found)) => found,
            Ok(None) => return None,
            Err(error) => {
                tracing::error!(%error, "loading a session failed");
                return None;
            }
        };
        if now >= session.expires_at || now - session.last_seen_at >= IDLE_EXPIRY {
            let _ = store::delete_session(self.db.write(), &digest).await;
            return None;
        }
        if now - session.last_seen_at >= TOUCH_EVERY
            && let Err(error) = store::touch_session(self.db.write(), &digest, now).await
        {
            tracing::warn!(%error, "updating a session's last use failed");
        }
        Some((viewer(&user), digest))
    }

    /// Changes the password after checking the current one, and ends every
    /// other session of the account.
    async fn change_password(
        &self,
        requester: &Requester,
        change: PasswordChange,
    ) -> Result<(), AppError> {
        let user = self.current_user(requester).await?;
        let mut problems = Problems::default();
        let current = problems.take(
            "current_password",
            Password::parse(&change.current_password, "Enter your current password."),
        );
        let new = problems.take(
            "new_password",
            rules::new_password(&change.new_password, &user.email),
        );
        let (Some(current), Some(new)) = (current, new) else {
            return Err(problems.into_error());
        };
        self.require_password(&user, &current, "current_password", requester)
            .await?;
        let hash = self
            .passwords
            .hash(&new)
            .await
            .map_err(|e| internal("hashing a password failed", e))?;
        let user_id = user.id;
        store::set_password(self.db.write(), user, &hash, Utc::now())
            .await
            .map_err(|e| internal("changing a password failed", e))?;
        store::delete_other_sessions(self.db.write(), user_id, requester.session.as_deref())
            .await
            .map_err(|e| internal("ending other sessions failed", e))?;
        tracing::info!(user = user_id, "password changed");
        Ok(())
    }

    /// Deletes the account and everything in it, after the password and an
    /// explicit confirmation.
    async fn delete(
        &self,
        requester: &Requester,
        deletion: AccountDeletion,
    ) -> Result<(), AppError> {
        let user = self.current_user(requester).await?;
        let mut problems = Problems::default();
        let password = problems.take(
            "password",
            Password::parse(&deletion.password, "Enter your password to confirm."),
        );
        if !deletion.confirm {
            problems.add(
                "confirm",
                "Tick the box to confirm that this cannot be undone.",
            );
        }
        let (Some(password), true) = (password, problems.is_empty()) else {
            return Err(problems.into_error());
        };
        self.require_password(&user, &password, "password", requester)
            .await?;
        let user_id = user.id;
        store::delete_user(self.db.write(), user_id)
            .await
            .map_err(|e| internal("deleting an account failed", e))?;
        self.db.sets().clear();
        tracing::info!(user = user_id, "account deleted");
        Ok(())
    }

    async fn export(&self, requester: &Requester) -> Result<AccountExport, AppError> {
        self.export_all(requester).await
    }

    async fn set_retention(
        &self,
        requester: &Requester,
        days: Option<u32>,
    ) -> Result<(), AppError> {
        self.keep_for(requester, days).await
    }

    async fn set_review_reminders(&self, requester: &Requester, on: bool) -> Result<(), AppError> {
        let user = self.current_user(requester).await?;
        db::practice::set_reminders(self.db.write(), user.id, on)
            .await
            .map_err(|e| internal("saving the reminder setting failed", e))
    }

    async fn delete_practice(&self, requester: &Requester, confirm: bool) -> Result<u64, AppError> {
        self.delete_practice_data(requester, confirm).await
    }

    async fn prune(&self, now: i64) -> Result<u64, AppError> {
        self.prune_expired(now).await
    }
}
