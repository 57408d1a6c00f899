//! Every way the editor refuses a request (a message page, or the sign-in form again), each with its status and words
//! in one place; a use-case that did not happen gets its status from `web::error::status_of`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::views;
use crate::service::ServiceError;
use crate::web::error::{message_of, status_of};
use crate::web::i18n::Ui;

pub enum Refusal {
    /// The editor is off (no users): a plain 404, as for any address that does not exist.
    NotEnabled,
    /// A sign-in with a name or password over its limit: the sign-in form again (`csrf` its
    /// token).
    TooLongForSignIn { csrf: String },
    /// A wrong name or password: the sign-in form again.
    WrongPassword { csrf: String },
    /// A form post without a valid session.
    SignInFirst,
    /// A form whose CSRF token is not the session's.
    FormExpired,
    /// A sign-in form whose CSRF token is not its cookie's.
    SignInFormExpired,
    /// An upload over the limit (bytes).
    TooLarge { limit: usize },
    /// An upload the multipart reader could not read.
    BadUpload(String),
    /// Too many wrong passwords for a name from an address: wait this long.
    TooManyFailures { seconds: u64 },
    /// All password checks busy.
    Busy,
    /// No editor page at this address.
    NoSuchPage,
    /// No item with this id.
    NoSuchItem,
    /// A use-case that did not happen, under a title (Dutch, English).
    Failed {
        title: (&'static str, &'static str),
        error: ServiceError,
    },
}

impl Refusal {
    /// The refusal as a page in the editor's language.
    pub fn page(self, ui: Ui) -> Response {
        use super::{MAX_PASSWORD, MAX_USER_NAME};
        let (status, title, text, login_link, retry) = match &self {
            Refusal::NotEnabled => {
                return (StatusCode::NOT_FOUND, "the editor is not enabled").into_response()
            }
            Refusal::TooLongForSignIn { csrf } => {
                let why = match ui {
                    Ui::Nl => format!("Een naam heeft hoogstens {MAX_USER_NAME} tekens en een wachtwoord hoogstens {MAX_PASSWORD}."),
                    Ui::En => format!("A name has at most {MAX_USER_NAME} characters and a password at most {MAX_PASSWORD}."),
                };
                return (StatusCode::BAD_REQUEST, views::login(ui, csrf, Some(&why))).into_response();
            }
            Refusal::WrongPassword { csrf } => {
                let why = ui.pick("Verkeerde naam of wachtwoord.", "Wrong name or password.");
                return (StatusCode::UNAUTHORIZED, views::login(ui, csrf, Some(why))).into_response();
            }
            Refusal::SignInFirst => (
                StatusCode::UNAUTHORIZED,
                ui.pick("Eerst inloggen", "Sign in first"),
                ui.pick(
                    "Uw sessie is verlopen of u bent niet ingelogd.",
                    "Your session has ended or you are not signed in.",
                )
                .to_string(),
                true,
                None,
            ),
            Refusal::FormExpired => (
                StatusCode::FORBIDDEN,
                ui.pick("Formulier verlopen", "Form expired"),
                ui.pick(
                    "Het beveiligingskenmerk van het formulier past niet bij uw sessie (een oud tabblad, of een formulier van een andere site). Ga terug, laad de pagina opnieuw en probeer het nog eens.",
                    "The form's security token does not match your session (an old tab, or a form from another site). Go back, reload the page and try again.",
                )
                .to_string(),
                false,
                None,
            ),
            Refusal::SignInFormExpired => (
                StatusCode::FORBIDDEN,
                ui.pick("Formulier verlopen", "Form expired"),
                ui.pick(
                    "Het beveiligingskenmerk van het inlogformulier klopt niet: laad de inlogpagina opnieuw en probeer het nog eens.",
                    "The sign-in form's security token does not match: reload the sign-in page and try again.",
                )
                .to_string(),
                true,
                None,
            ),
            Refusal::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ui.pick("Bestand te groot", "File too large"),
                match ui {
                    Ui::Nl => format!("Het bestand is groter dan de grens van {} MB. Splits het, of vraag de beheerder de grens te verhogen (--upload-limit-mb).", limit >> 20),
                    Ui::En => format!("The upload is larger than the limit of {} MB. Split the file, or ask the maintainer to raise the limit (--upload-limit-mb).", limit >> 20),
                },
                false,
                None,
            ),
            Refusal::BadUpload(why) => (
                StatusCode::BAD_REQUEST,
                ui.pick("Upload mislukt", "Bad upload"),
                why.clone(),
                false,
                None,
            ),
            Refusal::TooManyFailures { seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                ui.pick("Te vaak mislukt", "Too many failed sign-ins"),
                match ui {
                    Ui::Nl => format!("Te veel verkeerde wachtwoorden voor deze naam vanaf hier: wacht {seconds} seconden en probeer het opnieuw."),
                    Ui::En => format!("Too many wrong passwords for this name from here: wait {seconds} seconds and try again."),
                },
                false,
                Some(seconds.to_string()),
            ),
            Refusal::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                ui.pick("Druk", "Busy"),
                ui.pick(
                    "Te veel inlogpogingen op dit moment: probeer het over een seconde opnieuw.",
                    "Too many sign-ins at this moment: try again in a second.",
                )
                .to_string(),
                false,
                Some("1".to_string()),
            ),
            Refusal::NoSuchPage => (
                StatusCode::NOT_FOUND,
                ui.pick("Niet gevonden", "Not found"),
                ui.pick(
                    "Deze redactiepagina bestaat niet.",
                    "There is no such editor page.",
                )
                .to_string(),
                false,
                None,
            ),
            Refusal::NoSuchItem => (
                StatusCode::NOT_FOUND,
                ui.pick("Niet gevonden", "Not found"),
                ui.pick(
                    "Het archief heeft geen item met deze id.",
                    "No item with this id in the archive.",
                )
                .to_string(),
                false,
                None,
            ),
            Refusal::Failed { title, error } => {
                if let ServiceError::Internal(cause) = error {
                    tracing::error!("editor: {cause}");
                }
                (
                    status_of(error),
                    ui.pick(title.0, title.1),
                    message_of(error),
                    false,
                    None,
                )
            }
        };
        let mut response = (status, views::message(ui, title, &text, login_link)).into_response();
        if let Some(value) = retry.and_then(|seconds| seconds.parse().ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}
