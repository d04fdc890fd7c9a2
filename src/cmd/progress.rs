//! A spinner on stderr for work that takes a while: loading a large dataset, computing
//! betweenness. It appears only when stderr is a terminal and only after [`DELAY`], so
//! quick runs, pipes, files and tests never see it.

use std::io::IsTerminal;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Work shorter than this shows nothing.
pub const DELAY: Duration = Duration::from_secs(1);

/// A spinner that shows `message` while it lives, if the work lasts.
pub struct Spinner {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    /// Starts timing the work; the spinner shows after [`DELAY`] on a terminal.
    pub fn start(message: String) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner {
                done: None,
                thread: None,
            };
        }
        let (done, finished) = channel::<()>();
        let thread = std::thread::spawn(move || {
            if finished.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_elapsed(DELAY);
            let style =
                ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or(ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(100));
            // Until the work is done (the sender is dropped).
            let _ = finished.recv();
            bar.finish_and_clear();
        });
        Spinner {
            done: Some(done),
            thread: Some(thread),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// "data/big.json (387 MB)": what a load reads, for the spinner.
pub fn describe_inputs(inputs: &[crate::load::Input]) -> String {
    let mut names = Vec::new();
    let mut bytes = 0u64;
    for input in inputs {
        match input {
            crate::load::Input::Path(p) => {
                names.push(p.display().to_string());
                bytes += std::fs::metadata(p)
                    .map(|m| if m.is_file() { m.len() } else { 0 })
                    .unwrap_or(0);
            }
            crate::load::Input::Text(label, text) => {
                names.push(label.clone());
                bytes += text.len() as u64;
            }
            crate::load::Input::Stdin => names.push(input.label()),
        }
    }
    let size = if bytes >= 10_000_000 {
        format!(" ({} MB)", bytes / 1_000_000)
    } else {
        String::new()
    };
    format!("{}{size}", names.join(", "))
}
