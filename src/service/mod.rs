//! The application layer between the front ends (`web`, `cli`) and archive, index and ingest:
//! use-cases that both front ends need live here, so neither imports the other.
//!
//! Today: the archivists' users file (`users`). Issue 16 moves the editor's save, trash and
//! restore with their audit, and the switching of index generations, here as well.

pub mod users;
