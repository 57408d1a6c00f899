//! Preparing documents on every core while one writer adds them: the Markdown's paragraphs, the
//! quotation extraction (`index::quotes`) and the tantivy document of each item are built on
//! worker threads, and the writer gets them in the order the items came, so the index is the
//! same as a one-thread build's. At most [`IN_FLIGHT`] items are between the reader and the
//! writer at once (queued, being prepared, or waiting for their turn), so a streamed rebuild's
//! memory stays bounded by the writer's budget, not by the archive (issue 16).

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use tantivy::TantivyDocument;

use super::schema::Fields;
use super::store::IndexError;
use super::sync::document;
use crate::archive::load::LoadedItem;
use crate::archive::SpeakerNames;

/// The most items between the reader and the writer at once.
pub(super) const IN_FLIGHT: usize = 32;
/// The most worker threads.
const MAX_WORKERS: usize = 4;

/// What a worker sends back: the item's place, the item and its document (or the panic that
/// preparing it raised, raised again on the calling thread).
type Prepared<T> = (usize, T, std::thread::Result<TantivyDocument>);

/// Runs `produce` on the calling thread, which hands each item to the sink it gets (with the
/// speaker list); prepares the documents on worker threads; calls `add` with each item and its
/// document in the order `produce` gave them, on a thread of its own. Returns what `produce`
/// returns, or the first error of either side.
pub(super) fn in_parallel<T, R>(
    fields: &Fields,
    produce: impl FnOnce(
        &mut dyn FnMut(&SpeakerNames, T) -> Result<(), IndexError>,
    ) -> Result<R, IndexError>,
    add: impl FnMut(&T, TantivyDocument) -> Result<(), IndexError> + Send,
) -> Result<R, IndexError>
where
    T: Borrow<LoadedItem> + Send,
{
    let workers = std::thread::available_parallelism()
        .map(|n| n.get().min(MAX_WORKERS))
        .unwrap_or(1);
    // Tickets: the reader takes one per item, the writer gives it back once the item is added.
    let (ticket_back, tickets) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        ticket_back.send(()).expect("the ticket channel has room");
    }
    let (work, queue) = sync_channel::<(usize, Arc<SpeakerNames>, T)>(IN_FLIGHT);
    let queue = Mutex::new(queue);
    let (done, results) = channel::<Prepared<T>>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let done = done.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let next = queue.lock().map(|q| q.recv());
                let Ok(Ok((seq, speakers, item))) = next else {
                    return;
                };
                let prepared = catch_unwind(AssertUnwindSafe(|| {
                    document(fields, &speakers, item.borrow())
                }));
                if done.send((seq, item, prepared)).is_err() {
                    return;
                }
            });
        }
        drop(done);
        let writer = scope.spawn(move || write_in_order(results, ticket_back, add));
        // The speaker list, shared with the workers: copied once (again only if the producer
        // hands over another list).
        let mut speakers: Option<(usize, Arc<SpeakerNames>)> = None;
        let mut seq = 0;
        let produced = produce(&mut |names, item| {
            // The writer gave up (an error): stop reading; its error is the one reported.
            tickets.recv().map_err(|_| stopped())?;
            let address = names as *const SpeakerNames as usize;
            let shared = match &speakers {
                Some((at, shared)) if *at == address => shared.clone(),
                _ => speakers
                    .insert((address, Arc::new(names.clone())))
                    .1
                    .clone(),
            };
            work.send((seq, shared, item)).map_err(|_| stopped())?;
            seq += 1;
            Ok(())
        });
        drop(work);
        let written = match writer.join() {
            Ok(written) => written,
            Err(panic) => resume_unwind(panic),
        };
        match (written, produced) {
            (Err(Failure::Panic(panic)), _) => resume_unwind(panic),
            (Err(Failure::Index(e)), _) => Err(e),
            (Ok(()), produced) => produced,
        }
    })
}

enum Failure {
    Index(IndexError),
    Panic(Box<dyn std::any::Any + Send>),
}

fn stopped() -> IndexError {
    IndexError::Io(std::io::Error::other("the index writer stopped"))
}

/// The writer's side: adds the documents in order, giving a ticket back for each.
fn write_in_order<T>(
    results: Receiver<Prepared<T>>,
    ticket_back: std::sync::mpsc::SyncSender<()>,
    mut add: impl FnMut(&T, TantivyDocument) -> Result<(), IndexError>,
) -> Result<(), Failure> {
    let mut waiting: BTreeMap<usize, (T, TantivyDocument)> = BTreeMap::new();
    let mut next = 0;
    for (seq, item, prepared) in results {
        let document = prepared.map_err(Failure::Panic)?;
        waiting.insert(seq, (item, document));
        while let Some((item, document)) = waiting.remove(&next) {
            add(&item, document).map_err(Failure::Index)?;
            next += 1;
            // The reader may have finished: no one is waiting for the ticket then.
            let _ = ticket_back.try_send(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::archive::front_matter::parse_item;
    use crate::index::schema::build_schema;

    fn item(i: usize) -> LoadedItem {
        let file = format!(
            "+++\ntitle = \"Lezing {i}\"\ndate = \"2024\"\nlanguage = \"nl\"\n+++\n\nZe zei: “Nummer {i}.”\n"
        );
        LoadedItem {
            item: parse_item(&file, &format!("item-{i}.md")).unwrap(),
            hash: i as u64,
            changed: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn documents_come_in_reading_order_with_few_in_flight() {
        let (_, fields) = build_schema();
        let speakers = SpeakerNames::default();
        let items: Vec<LoadedItem> = (0..200).map(item).collect();
        let in_flight = std::sync::atomic::AtomicUsize::new(0);
        let mut most = 0;
        let mut order = Vec::new();
        in_parallel(
            &fields,
            |sink| {
                items.iter().try_for_each(|item| {
                    let now = in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most = most.max(now);
                    sink(&speakers, item)
                })
            },
            |item: &&LoadedItem, prepared| {
                in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                let alone = document(&fields, &speakers, item);
                assert_eq!(format!("{prepared:?}"), format!("{alone:?}"));
                order.push(item.hash);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(order, (0..200).collect::<Vec<u64>>());
        assert!(most <= IN_FLIGHT + 1, "{most} items in flight");
    }

    #[test]
    fn a_writer_error_stops_the_reader_and_is_the_one_reported() {
        let (_, fields) = build_schema();
        let speakers = SpeakerNames::default();
        let mut read = 0;
        let result = in_parallel(
            &fields,
            |sink| {
                for i in 0..10_000 {
                    read += 1;
                    sink(&speakers, item(i))?;
                }
                Ok(())
            },
            |item: &LoadedItem, _| {
                if item.hash == 5 {
                    return Err(IndexError::Io(std::io::Error::other("disk full")));
                }
                Ok(())
            },
        );
        let error = result.unwrap_err().to_string();
        assert!(error.contains("disk full"), "{error}");
        // Five added, a ticket back for each, then one more read whose hand-over fails.
        assert!(read <= IN_FLIGHT + 6, "read {read} items after the error");
    }
}
