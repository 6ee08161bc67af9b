//! A minimal Typst [`World`]: one template, one in-memory data file, embedded fonts.
//!
//! Nothing is read from disk or the network, so rendering is reproducible and needs no setup.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// The report template; it reads the document from [`DATA_PATH`].
const TEMPLATE: &str = include_str!("report.typ");
const TEMPLATE_PATH: &str = "/report.typ";
/// Where the template finds the document JSON (`json("/data.json")`).
const DATA_PATH: &str = "/data.json";

// Built once per process: the standard library and the font book are costly to make and never
// change between renders.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    // DejaVu Sans first: it is the body face and covers the symbol glyphs (✔ ◆ ✖ ▲ ▶ ▼).
    let dejavu = [
        dejavu::sans::regular(),
        dejavu::sans::bold(),
        dejavu::sans::oblique(),
        dejavu::sans::bold_oblique(),
    ];
    for data in dejavu {
        store.extend(Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    // Fallbacks for the scripts DejaVu lacks, so a name in any script prints (`fonts/README.md`):
    // CJK with Hangul, and Devanagari.
    for data in [
        include_bytes!("../fonts/WenQuanYiMicroHei.ttf").as_slice(),
        include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf").as_slice(),
    ] {
        store.extend(Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    // Typst's own fonts (Libertinus, New Computer Modern, DejaVu Sans Mono) as fallbacks.
    store.extend(typst_kit::fonts::embedded());
    store
});

/// The template's text fonts, in its order (`report.typ`: `set text(font: ..)`).
const FAMILIES: [&str; 3] = ["dejavu sans", "wenquanyi micro hei", "noto sans devanagari"];

/// Whether Typst can draw `cluster` (a grapheme) in every style the template prints text in.
/// As Typst does, a cluster is tried in each family of the list, then in the fallback font
/// chosen by its first character, and that one font must have every character of it.
/// Whitespace and invisible format characters need no glyph.
pub(crate) fn drawable(cluster: &str) -> bool {
    use typst::text::{FontStyle, FontVariant, FontWeight};
    let visible: Vec<u32> = cluster
        .chars()
        .filter(|&c| !c.is_whitespace() && !typst::text::is_default_ignorable(c))
        .map(u32::from)
        .collect();
    if visible.is_empty() {
        return true;
    }
    let book = FONTS.book();
    let covers = |i: usize| {
        book.info(i)
            .is_some_and(|info| visible.iter().all(|&c| info.coverage.contains(c)))
    };
    [FontWeight::REGULAR, FontWeight::BOLD]
        .iter()
        .all(|&weight| {
            [FontStyle::Normal, FontStyle::Oblique]
                .iter()
                .all(|&style| {
                    let variant = FontVariant {
                        style,
                        weight,
                        ..FontVariant::default()
                    };
                    FAMILIES
                        .iter()
                        .filter_map(|f| book.select(f, variant))
                        .chain(book.select_fallback(None, variant, cluster))
                        .any(covers)
                })
        })
}

/// The world for one render: the template as main source, the JSON as a virtual file.
pub(crate) struct ReportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl ReportWorld {
    pub(crate) fn new(document_json: &str) -> Result<Self, typst::syntax::PathError> {
        let main_id = project_file(TEMPLATE_PATH)?;
        Ok(Self {
            main: Source::new(main_id, TEMPLATE.to_owned()),
            data_id: project_file(DATA_PATH)?,
            data: Bytes::from_string(document_json.to_owned()),
        })
    }

    /// The text of a file of this world, for turning diagnostic spans into line numbers.
    pub(crate) fn text_of(&self, id: FileId) -> Option<&str> {
        if id == self.main.id() {
            Some(self.main.text())
        } else if id == self.data_id {
            std::str::from_utf8(&self.data).ok()
        } else {
            None
        }
    }
}

fn project_file(path: &str) -> Result<FileId, typst::syntax::PathError> {
    Ok(FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path)?,
    )))
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    /// No clock: the template prints `produced_on` from the data, so output is reproducible.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
