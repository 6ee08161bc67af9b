//! Joins the separately laid-out parts of one large report into one tagged PDF (decision 006).
//!
//! No crate joins *tagged* PDFs: merging tools keep the pages and drop the structure tree, which
//! is what makes the file accessible. So this is written here, over lopdf's object model: pages
//! in order; each later part's `Document` structure element's children moved under the first's;
//! parent-tree keys, pages' `StructParents` and annotations' `StructParent` offset; structure
//! IDs (table header cells) prefixed per part with the `Headers` that name them; role maps
//! merged; bookmarks built from the parts' headings; the page count in the XMP metadata
//! corrected; each later part written out as soon as it is joined. The running heads and footers,
//! laid out in a document of their own, are then laid over every page as form XObjects
//! (`overlay`).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Why parts could not be joined: a fault in this crate (or a Typst change), never the data's.
type Result<T> = std::result::Result<T, String>;

fn fault(e: lopdf::Error) -> String {
    format!("joining the report's parts: {e}")
}

/// Parts joined into one document: the first part's structure, which every later part is
/// joined into. Finished with [`Joined::finish`].
pub(crate) struct Joined {
    doc: Document,
    pages: ObjectId,
    /// The `Document` structure element every part's content ends up under.
    document: ObjectId,
    tree_root: ObjectId,
    /// Parent-tree entries of every part so far, keys already offset.
    parents: Vec<(i64, Object)>,
    next_key: i64,
    /// IDTree entries of every part so far, names already prefixed.
    ids: Vec<(Vec<u8>, Object)>,
    page_count: usize,
    /// The file so far: every later part's objects but its pages are written out as the part
    /// is joined, so the join holds one part at a time (decision 006).
    out: Vec<u8>,
    /// Where each object written so far starts in `out`.
    offsets: Vec<(ObjectId, usize)>,
    /// The part being joined's objects left out: its opening page's elements and their
    /// parent-tree list.
    dropped: Vec<ObjectId>,
}

/// A bookmark of the joined report, for a heading of a later part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub level: usize,
    pub title: String,
    /// The joined report's page, from 0.
    pub page: usize,
    /// Where on the page to show, in PDF units up from the page's foot.
    pub top: f64,
}

/// The object `object` names, followed through one reference.
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Result<&'a Object> {
    doc.dereference(object).map(|(_, o)| o).map_err(fault)
}

fn reference(dict: &Dictionary, key: &[u8]) -> Result<ObjectId> {
    dict.get(key).and_then(Object::as_reference).map_err(fault)
}

/// The entries of the number or name tree at `dict[key]` (`leaves`: `Nums` or `Names`); none
/// when there is no such tree.
fn tree_at(
    doc: &Document,
    dict: &Dictionary,
    key: &[u8],
    leaves: &[u8],
) -> Result<Vec<(Object, Object)>> {
    match dict.get(key) {
        Ok(tree) => tree_entries(doc, resolve(doc, tree)?.as_dict().map_err(fault)?, leaves),
        Err(_) => Ok(Vec::new()),
    }
}

/// The entries of a number tree (`Nums`) or name tree (`Names`), leaves in order.
fn tree_entries(doc: &Document, node: &Dictionary, key: &[u8]) -> Result<Vec<(Object, Object)>> {
    let mut out = Vec::new();
    if let Ok(items) = node.get(key) {
        let items = resolve(doc, items)?.as_array().map_err(fault)?;
        for pair in items.chunks(2) {
            if let [k, v] = pair {
                out.push((k.clone(), v.clone()));
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids") {
        for kid in resolve(doc, kids)?.as_array().map_err(fault)? {
            let kid = resolve(doc, kid)?.as_dict().map_err(fault)?;
            out.extend(tree_entries(doc, kid, key)?);
        }
    }
    Ok(out)
}

/// A part's structure tree root and its one `Document` element.
fn structure(doc: &Document) -> Result<(ObjectId, ObjectId)> {
    let root = reference(doc.catalog().map_err(fault)?, b"StructTreeRoot")?;
    let kids = doc
        .get_dictionary(root)
        .map_err(fault)?
        .get(b"K")
        .map_err(fault)?;
    let document = match kids {
        Object::Reference(id) => *id,
        Object::Array(a) if a.len() == 1 => a[0].as_reference().map_err(fault)?,
        _ => return Err("a part's structure tree has no single Document element".into()),
    };
    Ok((root, document))
}

impl Joined {
    /// Joins `front` (whole PDF from Typst: it carries the catalog, the metadata and the title)
    /// and the `body` parts after it, in reading order, each without its first page (which
    /// holds only the headings that let the part pass the PDF/UA check alone: `report.typ`).
    /// Makes the body's bookmarks from `bookmarks` (a part alone cannot nest its headings under
    /// the sections of the part before it, so their own are dropped).
    pub(crate) fn new(front: &[u8], body: &[Vec<u8>], bookmarks: &[Bookmark]) -> Result<Self> {
        let mut joined = Self::from_front(Document::load_mem(front).map_err(fault)?)?;
        for (i, pdf) in body.iter().enumerate() {
            let mut part = Document::load_mem(pdf).map_err(fault)?;
            part.renumber_objects_with(joined.doc.max_id + 1);
            joined.append(part, i + 1)?;
        }
        joined.add_bookmarks(bookmarks)?;
        Ok(joined)
    }

    fn from_front(doc: Document) -> Result<Self> {
        let (tree_root, document) = structure(&doc)?;
        let root = doc.get_dictionary(tree_root).map_err(fault)?;
        let parents = tree_at(&doc, root, b"ParentTree", b"Nums")?
            .into_iter()
            .map(|(k, v)| Ok((k.as_i64().map_err(fault)?, v)))
            .collect::<Result<_>>()?;
        let next_key = root
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or(0);
        let ids = tree_at(&doc, root, b"IDTree", b"Names")?
            .into_iter()
            .map(|(k, v)| Ok((k.as_str().map_err(fault)?.to_vec(), v)))
            .collect::<Result<_>>()?;
        let pages = reference(doc.catalog().map_err(fault)?, b"Pages")?;
        let page_count = doc.get_pages().len();
        Ok(Self {
            out: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            offsets: Vec::new(),
            dropped: Vec::new(),
            doc,
            pages,
            document,
            tree_root,
            parents,
            next_key,
            ids,
            page_count,
        })
    }

    /// Moves `part` (already renumbered above every object here) in after what is here.
    fn append(&mut self, mut part: Document, index: usize) -> Result<()> {
        refuse_lost_catalog_entries(&part)?;
        let (root, document) = structure(&part)?;
        let shift = self.next_key;
        let tree = part.get_dictionary(root).map_err(fault)?.clone();
        let mut pages: Vec<ObjectId> = part.get_pages().into_values().collect();
        if pages.is_empty() {
            return Err("a body part has no opening page to drop".into());
        }
        let opening = pages.remove(0);
        let opening_key = part
            .get_dictionary(opening)
            .and_then(|d| d.get(b"StructParents"))
            .and_then(Object::as_i64)
            .ok();
        self.take_ids(&mut part, &tree, format!("p{index}.").as_bytes())?;
        self.merge_role_map(&part, &tree)?;
        let moved = self.dissolve(&mut part, document, opening)?;
        self.take_parents(&mut part, &tree, document, shift, opening_key)?;
        self.adopt_pages(&mut part, &pages, shift)?;

        // The pages stay (the running heads are laid over them at the end); the rest is written
        // out now, but for what only the part's own catalog and opening page used.
        self.doc.max_id = self.doc.max_id.max(part.max_id);
        for &page in &pages {
            // With the page, what the heads' overlay changes: its resources and their XObjects.
            let resources = part
                .get_dictionary(page)
                .and_then(|d| d.get(b"Resources"))
                .and_then(Object::as_reference)
                .ok();
            let xobjects = resources.and_then(|r| {
                part.get_dictionary(r)
                    .and_then(|d| d.get(b"XObject"))
                    .and_then(Object::as_reference)
                    .ok()
            });
            for id in [Some(page), resources, xobjects].into_iter().flatten() {
                if let Some(object) = part.objects.remove(&id) {
                    self.doc.objects.insert(id, object);
                }
            }
        }
        let catalog = part
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .ok();
        let page_tree = part
            .catalog()
            .and_then(|c| c.get(b"Pages"))
            .and_then(Object::as_reference)
            .ok();
        let mut unused: Vec<ObjectId> = [catalog, page_tree, Some(root), Some(document)]
            .into_iter()
            .flatten()
            .chain([opening])
            .chain(std::mem::take(&mut self.dropped))
            .collect();
        unused.sort_unstable();
        for (id, object) in std::mem::take(&mut part.objects) {
            if unused.binary_search(&id).is_err() {
                self.write_object(id, &object)?;
            }
        }

        let ours = self.doc.get_dictionary_mut(self.document).map_err(fault)?;
        let mut kids = match ours.remove(b"K") {
            Some(Object::Array(a)) => a,
            Some(other) => vec![other],
            None => Vec::new(),
        };
        kids.extend(moved);
        ours.set("K", kids);

        self.page_count += pages.len();
        let tree = self.doc.get_dictionary_mut(self.pages).map_err(fault)?;
        let mut kids = match tree.remove(b"Kids") {
            Some(Object::Array(a)) => a,
            _ => Vec::new(),
        };
        kids.extend(pages.iter().map(|&p| Object::Reference(p)));
        tree.set("Kids", kids);
        tree.set("Count", self.page_count as i64);
        Ok(())
    }

    /// Structure IDs restart in every part ("1x0y0" is each part's first table's corner): the
    /// part's are prefixed, in its elements and in its IDTree, whose entries join ours.
    fn take_ids(&mut self, part: &mut Document, tree: &Dictionary, prefix: &[u8]) -> Result<()> {
        for object in part.objects.values_mut() {
            if let Object::Dictionary(d) = object {
                prefix_ids(d, prefix);
            }
        }
        for (name, target) in tree_at(part, tree, b"IDTree", b"Names")? {
            let mut named = prefix.to_vec();
            named.extend_from_slice(name.as_str().map_err(fault)?);
            self.ids.push((named, target));
        }
        Ok(())
    }

    /// Adds the part's role-map entries that ours lacks.
    fn merge_role_map(&mut self, part: &Document, tree: &Dictionary) -> Result<()> {
        let Ok(map) = tree.get(b"RoleMap") else {
            return Ok(());
        };
        let map = resolve(part, map)?.as_dict().map_err(fault)?;
        let root = self.doc.get_dictionary(self.tree_root).map_err(fault)?;
        let mut merged = match root.get(b"RoleMap") {
            Ok(m) => resolve(&self.doc, m)?.as_dict().map_err(fault)?.clone(),
            Err(_) => Dictionary::new(),
        };
        for (k, v) in map.iter() {
            if !merged.has(k) {
                merged.set(k.clone(), v.clone());
            }
        }
        self.doc
            .get_dictionary_mut(self.tree_root)
            .map_err(fault)?
            .set("RoleMap", merged);
        Ok(())
    }

    /// The part's Document element dissolves: its children, returned, move under ours, but
    /// for those on the `opening` page, which is dropped. A bare marked-content id relies on the
    /// element's page, so it becomes a full reference.
    fn dissolve(
        &mut self,
        part: &mut Document,
        document: ObjectId,
        opening: ObjectId,
    ) -> Result<Vec<Object>> {
        let theirs = part.get_dictionary(document).map_err(fault)?.clone();
        let page = theirs.get(b"Pg").ok().cloned();
        let kids = match theirs.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        let mut moved = Vec::with_capacity(kids.len());
        for kid in kids {
            if on_page(part, &kid, page.as_ref(), opening) {
                if let Object::Reference(id) = kid {
                    self.dropped.push(id);
                }
                continue;
            }
            match kid {
                Object::Reference(id) => {
                    if let Ok(Object::Dictionary(d)) = part.get_object_mut(id)
                        && d.has(b"S")
                    {
                        d.set("P", Object::Reference(self.document));
                    }
                    moved.push(Object::Reference(id));
                }
                Object::Integer(mcid) => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    if let Some(page) = &page {
                        mcr.set("Pg", page.clone());
                    }
                    mcr.set("MCID", mcid);
                    moved.push(Object::Dictionary(mcr));
                }
                other => moved.push(other),
            }
        }
        Ok(moved)
    }

    /// The part's parent-tree entries, keys after ours (`shift`), but for the dropped opening
    /// page's (`skip`); what pointed at the part's Document element points at ours.
    fn take_parents(
        &mut self,
        part: &mut Document,
        tree: &Dictionary,
        document: ObjectId,
        shift: i64,
        skip: Option<i64>,
    ) -> Result<()> {
        let ours = Object::Reference(self.document);
        let repoint = |list: &mut Vec<Object>| {
            for item in list.iter_mut() {
                if *item == Object::Reference(document) {
                    *item = ours.clone();
                }
            }
        };
        for (key, value) in tree_at(part, tree, b"ParentTree", b"Nums")? {
            let key = key.as_i64().map_err(fault)?;
            if Some(key) == skip {
                if let Object::Reference(id) = value {
                    self.dropped.push(id);
                }
                continue;
            }
            let value = match value {
                Object::Reference(id) if id == document => ours.clone(),
                Object::Reference(id) => {
                    if let Ok(Object::Array(list)) = part.get_object_mut(id) {
                        repoint(list);
                    }
                    Object::Reference(id)
                }
                Object::Array(mut list) => {
                    repoint(&mut list);
                    Object::Array(list)
                }
                other => other,
            };
            self.parents.push((key + shift, value));
        }
        self.next_key += tree
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or(0);
        Ok(())
    }

    /// The part's `pages` made ours: their parent, and their and their annotations' structure
    /// keys offset as the parent tree's were.
    fn adopt_pages(&self, part: &mut Document, pages: &[ObjectId], shift: i64) -> Result<()> {
        for &page in pages {
            let inherited = inherited(part, page);
            let d = part.get_dictionary_mut(page).map_err(fault)?;
            for (k, v) in inherited {
                d.set(k, v);
            }
            d.set("Parent", Object::Reference(self.pages));
            // Tab order by structure, as PDF/UA asks of pages with annotations; Typst sets it on
            // every page of the (checked) first part, so every page has it.
            d.set("Tabs", Object::Name(b"S".to_vec()));
            if let Ok(n) = d.get(b"StructParents").and_then(Object::as_i64) {
                d.set("StructParents", n + shift);
            }
            let Some(annots) = d.get(b"Annots").ok().cloned() else {
                continue;
            };
            let list = resolve(part, &annots)?.as_array().map_err(fault)?.clone();
            for annot in list {
                let id = annot.as_reference().map_err(fault)?;
                let d = part.get_dictionary_mut(id).map_err(fault)?;
                if let Ok(n) = d.get(b"StructParent").and_then(Object::as_i64) {
                    d.set("StructParent", n + shift);
                }
            }
        }
        Ok(())
    }

    /// Adds `marks` after the first part's bookmarks, nested by level.
    fn add_bookmarks(&mut self, marks: &[Bookmark]) -> Result<()> {
        if marks.is_empty() {
            return Ok(());
        }
        let pages: Vec<ObjectId> = self.doc.get_pages().into_values().collect();
        let ids: Vec<ObjectId> = marks.iter().map(|_| self.doc.new_object_id()).collect();
        // Each mark's children (indices into `marks`), and the marks at the top.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
        let mut top = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for (i, mark) in marks.iter().enumerate() {
            while open.last().is_some_and(|&o| marks[o].level >= mark.level) {
                open.pop();
            }
            match open.last() {
                Some(&parent) => children[parent].push(i),
                None => top.push(i),
            }
            open.push(i);
        }
        // Every item is shown open: a parent's count is all the items below it.
        let mut below = vec![0_i64; marks.len()];
        for i in (0..marks.len()).rev() {
            below[i] = children[i].iter().map(|&c| 1 + below[c]).sum();
        }
        for (i, mark) in marks.iter().enumerate() {
            let page = *pages
                .get(mark.page)
                .ok_or("a bookmark past the last page")?;
            let mut d = Dictionary::new();
            d.set("Title", lopdf::text_string(&mark.title));
            d.set(
                "Dest",
                vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(mark.top as f32),
                    Object::Null,
                ],
            );
            if let (Some(&first), Some(&last)) = (children[i].first(), children[i].last()) {
                d.set("First", Object::Reference(ids[first]));
                d.set("Last", Object::Reference(ids[last]));
                d.set("Count", below[i]);
            }
            self.doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let root = self.outline_root()?;
        let siblings = children
            .iter()
            .enumerate()
            .map(|(parent, list)| (ids[parent], list))
            .chain(std::iter::once((root, &top)));
        for (parent, list) in siblings {
            for (at, &item) in list.iter().enumerate() {
                let d = self.doc.get_dictionary_mut(ids[item]).map_err(fault)?;
                d.set("Parent", Object::Reference(parent));
                if at > 0 {
                    d.set("Prev", Object::Reference(ids[list[at - 1]]));
                }
                if let Some(&next) = list.get(at + 1) {
                    d.set("Next", Object::Reference(ids[next]));
                }
            }
        }
        let (Some(&first), Some(&last)) = (top.first(), top.last()) else {
            return Ok(());
        };
        let shown: i64 = top.iter().map(|&t| 1 + below[t]).sum();
        self.chain_outline(root, ids[first], ids[last], shown)
    }

    /// The first part's outline dictionary, made if it has none.
    fn outline_root(&mut self) -> Result<ObjectId> {
        if let Some(id) = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Outlines").ok())
            .and_then(|o| o.as_reference().ok())
        {
            return Ok(id);
        }
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Outlines".to_vec()));
        let id = self.doc.add_object(d);
        self.doc
            .catalog_mut()
            .map_err(fault)?
            .set("Outlines", Object::Reference(id));
        Ok(id)
    }

    /// Chains top-level items `first`..`last` (`shown` items with those below them) after the
    /// outline `root`'s own.
    fn chain_outline(
        &mut self,
        root: ObjectId,
        first: ObjectId,
        last: ObjectId,
        shown: i64,
    ) -> Result<()> {
        let ours = self.doc.get_dictionary(root).map_err(fault)?.clone();
        match reference(&ours, b"Last") {
            Ok(our_last) => {
                self.doc
                    .get_dictionary_mut(our_last)
                    .map_err(fault)?
                    .set("Next", Object::Reference(first));
                self.doc
                    .get_dictionary_mut(first)
                    .map_err(fault)?
                    .set("Prev", Object::Reference(our_last));
            }
            Err(_) => {
                self.doc
                    .get_dictionary_mut(root)
                    .map_err(fault)?
                    .set("First", Object::Reference(first));
            }
        }
        let count = ours
            .get(b"Count")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .abs();
        let d = self.doc.get_dictionary_mut(root).map_err(fault)?;
        d.set("Last", Object::Reference(last));
        d.set("Count", count + shown);
        Ok(())
    }

    /// Lays each page of `furniture` (a PDF of as many pages) on the page of the same number
    /// here, as a form XObject drawn after the page's own content, marked as a pagination
    /// artifact.
    pub(crate) fn overlay(&mut self, furniture: &[u8]) -> Result<()> {
        let mut over = Document::load_mem(furniture).map_err(fault)?;
        over.renumber_objects_with(self.doc.max_id + 1);
        let theirs: Vec<ObjectId> = over.get_pages().into_values().collect();
        let ours: Vec<ObjectId> = self.doc.get_pages().into_values().collect();
        if theirs.len() != ours.len() {
            return Err(format!(
                "the running heads have {} pages for {} pages of report",
                theirs.len(),
                ours.len()
            ));
        }
        let mut forms = Vec::with_capacity(theirs.len());
        for &page in &theirs {
            let content = over.get_page_content(page);
            let d = over.get_dictionary(page).map_err(fault)?;
            let mut inherited: Dictionary = inherited(&over, page).into_iter().collect();
            for key in [b"MediaBox".as_slice(), b"Resources"] {
                if let Ok(v) = d.get(key) {
                    inherited.set(key.to_vec(), v.clone());
                }
            }
            let mut form = Dictionary::new();
            form.set("Type", Object::Name(b"XObject".to_vec()));
            form.set("Subtype", Object::Name(b"Form".to_vec()));
            form.set("BBox", inherited.get(b"MediaBox").map_err(fault)?.clone());
            if let Ok(r) = inherited.get(b"Resources") {
                form.set("Resources", r.clone());
            }
            // Written untagged (no structure to join), so marked here: running heads and
            // footers are pagination artifacts, outside the structure tree.
            let mut marked = b"/Artifact <</Type /Pagination>> BDC\n".to_vec();
            marked.extend(content);
            marked.extend_from_slice(b"\nEMC\n");
            let mut stream = Stream::new(form, marked);
            // Best effort: an uncompressed form is only larger.
            let _ = stream.compress();
            forms.push(stream);
        }
        self.doc.max_id = self.doc.max_id.max(over.max_id);
        // Only what the forms draw with (fonts, colour spaces) comes over, not the heads'
        // document's own pages and catalog. (No pruning at the end instead: it cannot see the
        // references of the parts already written out.)
        let mut wanted = Vec::new();
        for form in &forms {
            if let Ok(resources) = form.dict.get(b"Resources") {
                references(resources, &mut wanted);
            }
        }
        while let Some(id) = wanted.pop() {
            let Some(object) = over.objects.remove(&id) else {
                continue;
            };
            let mut refs = Vec::new();
            references(&object, &mut refs);
            wanted.extend(refs);
            self.doc.objects.insert(id, object);
        }

        let open = self
            .doc
            .add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        let close = self.doc.add_object(Stream::new(
            Dictionary::new(),
            b"\nQ\nq /ScrutinyFurniture Do Q\n".to_vec(),
        ));
        for (page, form) in ours.into_iter().zip(forms) {
            let form = self.doc.add_object(form);
            let d = self.doc.get_dictionary(page).map_err(fault)?;
            let mut resources = match d.get(b"Resources") {
                Ok(r) => resolve(&self.doc, r)?.as_dict().map_err(fault)?.clone(),
                Err(_) => Dictionary::new(),
            };
            let mut xobjects = match resources.get(b"XObject") {
                Ok(x) => resolve(&self.doc, x)?.as_dict().map_err(fault)?.clone(),
                Err(_) => Dictionary::new(),
            };
            xobjects.set("ScrutinyFurniture", Object::Reference(form));
            resources.set("XObject", xobjects);
            let mut contents = vec![Object::Reference(open)];
            match d.get(b"Contents") {
                Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
                Ok(other) => contents.push(other.clone()),
                Err(_) => {}
            }
            contents.push(Object::Reference(close));
            let d = self.doc.get_dictionary_mut(page).map_err(fault)?;
            d.set("Resources", resources);
            d.set("Contents", contents);
        }
        Ok(())
    }

    /// The joined PDF's bytes.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>> {
        let mut nums = Vec::with_capacity(self.parents.len() * 2);
        for (key, value) in std::mem::take(&mut self.parents) {
            nums.push(Object::Integer(key));
            nums.push(value);
        }
        let mut parent_tree = Dictionary::new();
        parent_tree.set("Nums", nums);
        let parent_tree = self.doc.add_object(parent_tree);

        // A name tree's keys must be in order.
        let mut ids = std::mem::take(&mut self.ids);
        ids.sort_by(|a, b| a.0.cmp(&b.0));
        let mut names = Vec::with_capacity(ids.len() * 2);
        for (name, target) in ids {
            names.push(Object::String(name, StringFormat::Literal));
            names.push(target);
        }
        let root = self.doc.get_dictionary_mut(self.tree_root).map_err(fault)?;
        root.set("ParentTree", Object::Reference(parent_tree));
        root.set("ParentTreeNextKey", self.next_key);
        if names.is_empty() {
            root.remove(b"IDTree");
        } else {
            let mut tree = Dictionary::new();
            tree.set("Names", names);
            root.set("IDTree", tree);
        }
        self.count_pages_in_metadata()?;

        let objects = std::mem::take(&mut self.doc.objects);
        for (id, object) in &objects {
            self.write_object(*id, object)?;
        }
        self.write_trailer()?;
        Ok(std::mem::take(&mut self.out))
    }

    fn write_object(&mut self, id: ObjectId, object: &Object) -> Result<()> {
        use std::io::Write;
        let written = |e: std::io::Error| format!("writing the joined PDF: {e}");
        self.offsets.push((id, self.out.len()));
        writeln!(self.out, "{} {} obj", id.0, id.1).map_err(written)?;
        lopdf::Writer::write_object(&mut self.out, object).map_err(written)?;
        self.out.extend_from_slice(b"\nendobj\n");
        Ok(())
    }

    /// A classic cross-reference table (an object not written is listed free) and the trailer:
    /// the first part's root, information and identifier.
    fn write_trailer(&mut self) -> Result<()> {
        use std::io::Write;
        let written = |e: std::io::Error| format!("writing the joined PDF: {e}");
        self.offsets.sort_unstable();
        let size = self.offsets.last().map_or(0, |(id, _)| id.0) + 1;
        let start = self.out.len();
        write!(self.out, "xref\n0 {size}\n").map_err(written)?;
        let mut next = self.offsets.iter().peekable();
        for n in 0..size {
            match next.next_if(|(id, _)| id.0 == n) {
                Some(((_, generation), at)) => {
                    writeln!(self.out, "{at:010} {generation:05} n ").map_err(written)?
                }
                None => self.out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", i64::from(size));
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(value) = self.doc.trailer.get(key) {
                trailer.set(key.to_vec(), value.clone());
            }
        }
        self.out.extend_from_slice(b"trailer\n");
        lopdf::Writer::write_object(&mut self.out, &Object::Dictionary(trailer))
            .map_err(written)?;
        write!(self.out, "\nstartxref\n{start}\n%%EOF\n").map_err(written)?;
        Ok(())
    }

    /// The XMP packet says how many pages the file has: the first part's count until now.
    fn count_pages_in_metadata(&mut self) -> Result<()> {
        let Ok(id) = reference(self.doc.catalog().map_err(fault)?, b"Metadata") else {
            return Ok(());
        };
        let stream = self
            .doc
            .get_object_mut(id)
            .and_then(Object::as_stream_mut)
            .map_err(fault)?;
        let xml = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let xml = String::from_utf8(xml).map_err(|e| e.to_string())?;
        let (open, close) = ("<xmpTPg:NPages>", "</xmpTPg:NPages>");
        if let (Some(a), Some(b)) = (xml.find(open), xml.find(close)) {
            let fixed = format!("{}{open}{}{}", &xml[..a], self.page_count, &xml[b..]);
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_plain_content(fixed.into_bytes());
        }
        Ok(())
    }
}

/// Attributes a page takes from the page-tree nodes above it, which it loses when it moves.
fn inherited(doc: &Document, page: ObjectId) -> Vec<(Vec<u8>, Object)> {
    let keys: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
    let mut out = Vec::new();
    let Ok(d) = doc.get_dictionary(page) else {
        return out;
    };
    for key in keys {
        if d.has(key) {
            continue;
        }
        let mut node = d.get(b"Parent").and_then(Object::as_reference).ok();
        while let Some(id) = node {
            let Ok(parent) = doc.get_dictionary(id) else {
                break;
            };
            if let Ok(v) = parent.get(key) {
                out.push((key.to_vec(), v.clone()));
                break;
            }
            node = parent.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    out
}

/// Prefixes a structure element's `ID` and the header ids its `Headers` attribute names.
fn prefix_ids(element: &mut Dictionary, prefix: &[u8]) {
    let with = |s: &mut Vec<u8>| {
        let mut named = prefix.to_vec();
        named.append(s);
        *s = named;
    };
    if !element.has(b"S") {
        return;
    }
    if let Ok(Object::String(id, _)) = element.get_mut(b"ID") {
        with(id);
    }
    let Ok(attributes) = element.get_mut(b"A") else {
        return;
    };
    let mut each = |a: &mut Object| {
        if let Object::Dictionary(a) = a
            && let Ok(Object::Array(headers)) = a.get_mut(b"Headers")
        {
            for h in headers.iter_mut() {
                if let Object::String(s, _) = h {
                    with(s);
                }
            }
        }
    };
    match attributes {
        Object::Array(list) => list.iter_mut().for_each(&mut each),
        other => each(other),
    }
}

/// Whether a structure element (or a marked-content reference) `kid` of a part's Document
/// element, whose own page is `document_page`, lies on `page`.
fn on_page(part: &Document, kid: &Object, document_page: Option<&Object>, page: ObjectId) -> bool {
    let on = |pg: Option<&Object>| pg.and_then(|p| p.as_reference().ok()) == Some(page);
    match kid {
        Object::Integer(_) => on(document_page),
        Object::Dictionary(mcr) => on(mcr.get(b"Pg").ok()),
        Object::Reference(id) => part.get_dictionary(*id).is_ok_and(|d| {
            if d.has(b"Pg") {
                return on(d.get(b"Pg").ok());
            }
            // No page of its own: its first marked-content reference says where it is.
            match d.get(b"K") {
                Ok(Object::Dictionary(mcr)) => on(mcr.get(b"Pg").ok()),
                Ok(Object::Array(a)) => a
                    .iter()
                    .find_map(|k| k.as_dict().ok())
                    .is_some_and(|mcr| on(mcr.get(b"Pg").ok())),
                _ => false,
            }
        }),
        _ => false,
    }
}

/// A later part's catalog entries the join does not carry over: none are written today, and a
/// template change that adds one must fail here rather than lose links or page labels.
fn refuse_lost_catalog_entries(part: &Document) -> Result<()> {
    let catalog = part.catalog().map_err(fault)?;
    for key in [b"Names".as_slice(), b"Dests", b"PageLabels", b"AcroForm"] {
        if catalog.has(key) {
            return Err(format!(
                "a later part has a /{} entry the join would lose",
                String::from_utf8_lossy(key)
            ));
        }
    }
    Ok(())
}

/// Every object `object` refers to, directly or inside its arrays and dictionaries.
pub(crate) fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}
