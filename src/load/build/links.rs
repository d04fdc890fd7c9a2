//! Links: each participation's entity and project, and each project's `part_of`, resolved
//! to indices once the nodes they name are known.

use crate::error::Diagnostic;
use crate::model::{EvidenceId, Participation, RoleStatus, SymId, MAX_ROLE_STATUSES};

use super::{Bail, Builder, Report};
use crate::load::ids::IdHash;
use crate::load::raw::RawParticipation;
use crate::load::resolve::{suggest, At, Table};

impl Builder {
    /// One end of a link: the entity or project `id` names. Its hash is computed here
    /// when not given, and only if the id is not the one the last link named.
    fn link_end(
        &mut self,
        id: &str,
        hash: Option<IdHash>,
        want_project: bool,
        mut r: Report,
        at: At,
        subject: &dyn Fn() -> String,
    ) -> Result<Option<u32>, Bail> {
        let recent = &mut self.recent[usize::from(want_project)];
        if !id.is_empty() && recent.0 == id {
            return Ok(Some(recent.1));
        }
        let found = self.node(id, hash.unwrap_or_else(|| self.node_ids.hash(id)));
        if let Some((index, is_project)) = found {
            if is_project == want_project {
                let recent = &mut self.recent[usize::from(want_project)];
                recent.0.clear();
                recent.0.push_str(id);
                recent.1 = index;
                return Ok(Some(index));
            }
        }
        problem!(r, {
            // The field that names it is called what it names.
            let what = if want_project { "project" } else { "entity" };
            let message = match found {
                Some(_) if want_project => format!("{id:?} is an entity, not a project"),
                Some(_) => format!("{id:?} is a project, not an entity"),
                None => format!("unknown {what} {id:?}"),
            };
            // Suggestions scan every id: only worth it for the first few errors.
            let help = if r.count() < 50 {
                if want_project {
                    suggest(id, self.ds.projects.iter().map(|p| p.id()), "a project id")
                } else {
                    suggest(id, self.ds.entities.iter().map(|e| e.id()), "an entity id")
                }
            } else {
                format!("define the {what} or fix the id")
            };
            let d = Diagnostic::error(message).subject(subject()).help(help);
            r.error(d, at, Table::Participations, what, id);
        });
        Ok(None)
    }

    /// The index of a (role, status) pair, made on its first use; `None` when the pair is
    /// new and the dataset already uses [`MAX_ROLE_STATUSES`].
    fn role_status(&mut self, role: SymId, status: SymId) -> Option<RoleStatus> {
        let pair = (role, status);
        if let Some((_, id)) = self.last_role_status.filter(|&(last, _)| last == pair) {
            return Some(id);
        }
        let id = match self.role_status_ids.get(&pair) {
            Some(&id) => id,
            None => {
                let next = self.ds.role_statuses.len();
                if next == MAX_ROLE_STATUSES {
                    return None;
                }
                self.ds.role_statuses.push(pair);
                let id = RoleStatus(next as u16);
                self.role_status_ids.insert(pair, id);
                id
            }
        };
        self.last_role_status = Some((pair, id));
        Some(id)
    }

    /// A link: an entity takes part in a project. `entity` is the hash of the entity's id.
    pub(in crate::load) fn participation(
        &mut self,
        p: &RawParticipation,
        entity: IdHash,
        mut r: Report,
        at: At,
    ) -> Result<(), Bail> {
        self.index_nodes(usize::MAX, true)?;
        let subject = || format!("participation {:?} in {:?}", &*p.entity, &*p.project);
        let entity = self.link_end(&p.entity, Some(entity), false, r.as_deref_mut(), at, &subject)?;
        let project = self.link_end(&p.project, None, true, r.as_deref_mut(), at, &subject)?;
        let sources = self.source_span(
            &p.sources,
            r.as_deref_mut(),
            (at, Table::Participations),
            ("entity", &p.entity),
            &subject,
        )?;
        let date = Self::date(p.date.as_ref(), r.as_deref_mut(), at, Table::Participations, subject)?;
        let role = match p.role.as_deref() {
            Some(role) => self.strings.lower_id(role),
            None => self.partner,
        };
        let status = match p.status.as_deref() {
            Some(status) => self.strings.lower_id(status),
            None => self.reported,
        };
        if let (Some(entity), Some(project)) = (entity, project) {
            let evidence = p.evidence.as_ref().and_then(|text| {
                self.ds.evidence.push(text.0.as_ref().into());
                EvidenceId::new(self.ds.evidence.len() - 1)
            });
            let Some(role_status) = self.role_status(role, status) else {
                return problem!(r, {
                    let d = Diagnostic::error(format!(
                        "more than {MAX_ROLE_STATUSES} different pairs of role and status"
                    ))
                    .subject(subject())
                    .help("map free text onto the known roles and statuses (`partnet check` names the unusual ones)");
                    // By its entity, which every link has: the role may be left out.
                    r.error(d, at, Table::Participations, "entity", &p.entity);
                    Ok(())
                });
            };
            self.ds.participations.push(Participation {
                entity,
                project,
                role_status,
                sources,
                evidence,
                date,
            });
        }
        Ok(())
    }

    /// Resolves the `part_of` links, once every project is known, and refuses cycles.
    pub(in crate::load) fn link_parts(&mut self, mut r: Report) -> Result<(), Bail> {
        self.index_nodes(usize::MAX, true)?;
        let refs = std::mem::take(&mut self.part_of_refs);
        for (index, at, parent) in &refs {
            let (index, at) = (*index, *at);
            match self.node(parent, self.node_ids.hash(parent)) {
                Some((p, true)) if p as usize != index => self.ds.projects[index].part_of = Some(p),
                Some((_, true)) => problem!(r, {
                    let d = Diagnostic::error(format!(
                        "part_of {parent:?} is the project itself: a project cannot be part of itself"
                    ))
                    .subject(format!("project {:?}", self.ds.projects[index].id()))
                    .help("remove its `part_of`, or give the id of the programme it belongs to");
                    r.error(d, at, Table::Projects, "part_of", parent);
                }),
                found => problem!(r, {
                    let why = match found {
                        Some(_) => "is an entity, not a project",
                        None => "does not exist",
                    };
                    let d = Diagnostic::error(format!("part_of {parent:?} {why}"))
                        .subject(format!("project {:?}", self.ds.projects[index].id()))
                        .help(suggest(parent, self.ds.projects.iter().map(|p| p.id()), "a project id"));
                    r.error(d, at, Table::Projects, "part_of", parent);
                }),
            }
        }
        if !refs.is_empty() {
            self.refuse_cycles(&refs, r)?;
        }
        Ok(())
    }

    /// Reports every cycle of `part_of` links (a programme part of one of its own parts),
    /// naming its projects, and cuts it so the dataset stays a forest. Each project is
    /// walked once.
    fn refuse_cycles(&mut self, refs: &[(usize, At, Box<str>)], mut r: Report) -> Result<(), Bail> {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let projects = &mut self.ds.projects;
        let mut state = vec![NEW; projects.len()];
        let mut path = Vec::new();
        for &(start, ..) in refs {
            let mut at = start;
            while state[at] == NEW {
                state[at] = ON_PATH;
                path.push(at);
                match projects[at].part_of {
                    Some(parent) => at = parent as usize,
                    None => break,
                }
            }
            if state[at] == ON_PATH && projects[at].part_of.is_some() {
                let from = path.iter().position(|&p| p == at).expect("on the path");
                let cycle = &path[from..];
                problem!(r, {
                    // Named from its smallest id, so the message does not depend on file order.
                    let first = (0..cycle.len()).min_by_key(|&i| projects[cycle[i]].id()).unwrap_or(0);
                    let ids: Vec<String> = (0..=cycle.len())
                        .map(|i| format!("{:?}", projects[cycle[(first + i) % cycle.len()]].id()))
                        .collect();
                    let head = cycle[first];
                    let d = Diagnostic::error(format!("part_of makes a cycle: {}", ids.join(" → ")))
                        .subject(format!("project {:?}", projects[head].id()))
                        .help("a programme cannot be part of one of its own parts: remove one of these part_of");
                    let (_, place, parent) = refs.iter().find(|(p, ..)| *p == head).expect("a part_of ref");
                    r.error(d, *place, Table::Projects, "part_of", parent);
                    projects[head].part_of = None;
                });
            }
            for p in path.drain(..) {
                state[p] = DONE;
            }
        }
        Ok(())
    }
}
