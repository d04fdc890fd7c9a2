//! Typed errors and data diagnostics.
//!
//! Library code returns [`Error`]; only `main` turns one into a message and an exit code
//! ([`Error::exit_code`]). Every error says what went wrong and where on its first line,
//! and what to do about it in its `help`.

use std::fmt;

use serde::Serialize;

/// How bad a data problem is: errors stop every command, warnings only show in `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the input data, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as given on the command line.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The record concerned, e.g. `entity "toshiba"`.
    pub subject: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            subject: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, pos: Option<(usize, usize)>) -> Diagnostic {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Diagnostic {
        self.subject = Some(subject.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: subject: message`, then `  help: ...` on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", crate::text::clean(file))?;
            if let (Some(l), Some(c)) = (self.line, self.column) {
                write!(f, ":{l}:{c}")?;
            }
            f.write_str(": ")?;
        }
        f.write_str(match self.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        })?;
        if let Some(subject) = &self.subject {
            write!(f, "{}: ", crate::text::clean(subject))?;
        }
        f.write_str(&crate::text::clean(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", crate::text::clean(help))?;
        }
        Ok(())
    }
}

/// What kind of failure an [`Error`] is; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line asks for something impossible (exit 2), an `-o` partnet refuses
    /// for what it names among them.
    Usage,
    /// The data is invalid or unreadable (exit 1).
    Data,
    /// A name did not resolve, or a query found nothing (exit 1).
    NotFound,
    /// A file could not be written, or a tool such as Graphviz is missing (exit 1).
    Environment,
    /// Whoever read the output has gone (`partnet list | head`): nothing is wrong, nothing
    /// is printed (exit 0), as ripgrep and xsv do.
    Closed,
}

/// An error from partnet's library code.
#[derive(Debug)]
pub enum Error {
    /// The data has one or more errors (and maybe warnings, kept for `check`).
    Invalid(Vec<Diagnostic>),
    /// Any other failure: what happened, and what to do.
    Other {
        kind: ErrorKind,
        message: String,
        help: Option<String>,
    },
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::Other {
            kind,
            message: message.into(),
            help: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }

    pub fn environment(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Environment, message)
    }

    /// The error for a node that exists but that the filters hide.
    pub fn hidden(id: &str) -> Error {
        Error::not_found(format!("{id:?} is hidden by the filters"))
            .with_help("drop or widen --sector, --country, --kind, --status, --role or --as-of")
    }

    /// Adds what the user can do about it.
    pub fn with_help(self, text: impl Into<String>) -> Error {
        match self {
            Error::Other { kind, message, .. } => Error::Other {
                kind,
                message,
                help: Some(text.into()),
            },
            invalid => invalid,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Data,
            Error::Other { kind, .. } => *kind,
        }
    }

    /// 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self.kind() {
            ErrorKind::Usage => 2,
            ErrorKind::Closed => 0,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
                for (i, d) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                write!(
                    f,
                    "\n{} error{} in the data; fix {} and run `partnet check` to see every problem",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    if errors.len() == 1 { "it" } else { "them" },
                )
            }
            Error::Other { message, help, .. } => {
                write!(f, "error: {}", crate::text::clean(message))?;
                if let Some(help) = help {
                    write!(f, "\n  help: {}", crate::text::clean(help))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<std::io::Error> for Error {
    /// Failures to write the output: a full disk, or a closed pipe ([`ErrorKind::Closed`]).
    fn from(e: std::io::Error) -> Error {
        let kind = match e.kind() {
            std::io::ErrorKind::BrokenPipe => ErrorKind::Closed,
            _ => ErrorKind::Environment,
        };
        Error::new(kind, format!("cannot write the output: {e}"))
    }
}
