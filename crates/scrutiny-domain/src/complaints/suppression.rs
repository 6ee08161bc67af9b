//! Suppression that holds. A count below the council's threshold is hidden ("fewer than 5") so
//! that no child or family can be identified; but where the line it sits in has a published total,
//! one hidden count is simply the total less the others. So a second count in that line is hidden
//! too (secondary suppression), the smallest non-zero one, and again for every line that now has
//! one hidden count, until none has. Hand-rolled: no crate does this for a few small tables, and
//! the rule is short; `tests` solves the published tables for the hidden cells to show it holds.

/// What may be printed of a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The count itself.
    Count,
    /// Below the threshold: printed as "fewer than N".
    Small,
    /// Hidden only so that a small count cannot be worked out from a total.
    Complement,
}

/// A published sum: its members and the cell holding their total (itself one of the values, so
/// a small total is hidden like any count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub members: Vec<usize>,
    pub total: usize,
}

/// For each of `values`, what may be printed, given `lines`: the sums the tables publish (a
/// column and its total; an equality characteristic's counts and the complaints received).
/// `below` 0 shows every count.
pub fn protect(values: &[u64], lines: &[Line], below: u64) -> Vec<Shown> {
    protect_keeping(values, lines, below, &[])
}

/// As [`protect`], but never hiding the counts at `kept` as a complement: they are printed
/// elsewhere in the report, so hiding them here would protect nothing.
pub fn protect_keeping(values: &[u64], lines: &[Line], below: u64, kept: &[usize]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = values
        .iter()
        .map(|v| {
            if *v > 0 && *v < below {
                Shown::Small
            } else {
                Shown::Count
            }
        })
        .collect();
    loop {
        let mut changed = false;
        for line in lines {
            let cells = || line.members.iter().chain([&line.total]).copied();
            let hidden = cells().filter(|i| shown[*i] != Shown::Count).count();
            // Small counts alone under a shown total are pinned when they add up to as little
            // (all 1) or as much (all below - 1) as "fewer than N" allows.
            let small: Vec<u64> = line
                .members
                .iter()
                .filter(|i| shown[**i] == Shown::Small)
                .map(|i| values[*i])
                .collect();
            let pinned = shown[line.total] == Shown::Count
                && small.len() == hidden
                && hidden > 1
                && (small.iter().all(|v| *v == 1) || small.iter().all(|v| *v + 1 == below));
            // A small total over small members is pinned too when the members' least possible
            // sum (1 each, plus those shown) already reaches "fewer than N": then each is 1. The
            // total is hidden outright ("*"), as nothing else in the line is left to hide.
            let shown_sum: u64 = line
                .members
                .iter()
                .filter(|i| shown[**i] == Shown::Count)
                .map(|i| values[*i])
                .sum();
            if shown[line.total] == Shown::Small
                && small.len() + 1 == hidden
                && small.len() as u64 + shown_sum + 1 >= below
                && !kept.contains(&line.total)
            {
                shown[line.total] = Shown::Complement;
                changed = true;
                continue;
            }
            if hidden != 1 && !pinned {
                continue;
            }
            // The smallest member still shown, a non-zero one if there is one (a hidden zero in
            // a line is easily guessed); failing a member, the total.
            let pick = line
                .members
                .iter()
                .copied()
                .filter(|i| shown[*i] == Shown::Count && !kept.contains(i))
                .min_by_key(|i| (values[*i] == 0, values[*i]))
                .or(Some(line.total).filter(|t| shown[*t] == Shown::Count && !kept.contains(t)));
            if let Some(i) = pick {
                shown[i] = Shown::Complement;
                changed = true;
            }
        }
        if !changed {
            return shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_lone_small_count_in_a_totalled_line_takes_the_next_smallest_with_it() {
        let line = |members: Vec<usize>, total| Line { members, total };
        // Letters 1, e-mail 12, telephone 30, total 43 published.
        let shown = protect(&[1, 12, 30, 43], &[line(vec![0, 1, 2], 3)], 5);
        use Shown::*;
        assert_eq!(shown, [Small, Complement, Count, Count]);
        // Two small counts already protect each other; nothing more is hidden.
        let shown = protect(&[1, 2, 30, 33], &[line(vec![0, 1, 2], 3)], 5);
        assert_eq!(shown, [Small, Small, Count, Count]);
        // A zero is shown: it identifies no one.
        assert_eq!(protect(&[0, 9, 9], &[line(vec![0, 1], 2)], 5), [Count; 3]);
        // Threshold 0: every count shown.
        assert_eq!(protect(&[1, 9, 10], &[line(vec![0, 1], 2)], 0), [Count; 3]);
        // A small total hides too, and takes a member with it.
        assert_eq!(
            protect(&[0, 3, 3], &[line(vec![0, 1], 2)], 5),
            [Count, Small, Small]
        );
    }

    #[test]
    fn a_count_printed_elsewhere_is_kept_and_the_total_hidden_instead() {
        use Shown::*;
        // Statutory 3 (printed in another table), corporate 2, total 5.
        let line = Line {
            members: vec![0, 1],
            total: 2,
        };
        assert_eq!(
            protect(&[3, 2, 5], std::slice::from_ref(&line), 3),
            [Complement, Small, Count]
        );
        assert_eq!(
            protect_keeping(&[3, 2, 5], &[line], 3, &[0]),
            [Count, Small, Complement]
        );
    }

    #[test]
    fn hiding_spreads_across_crossing_lines() {
        // A 2 x 2 table with row totals (4, 5) and column totals (6, 7): one small count hides a
        // square of four.
        let lines = table_lines(2, 2);
        let values = table(&[2, 10, 11, 12]);
        let shown = protect(&values, &lines, 5);
        let hidden = shown[..4].iter().filter(|s| **s != Shown::Count).count();
        assert_eq!(hidden, 4, "{shown:?}");
    }

    /// What a reader knows of a published table: the shown counts, each line's total, "fewer
    /// than `below`" (1 to below - 1) for a small count, nothing for a complement.
    /// The lines of an `rows` x `cols` table held row-major, followed by its row totals, its
    /// column totals and the grand total.
    fn table_lines(rows: usize, cols: usize) -> Vec<Line> {
        let cells = rows * cols;
        let mut lines: Vec<Line> = (0..rows)
            .map(|r| Line {
                members: (0..cols).map(|c| r * cols + c).collect(),
                total: cells + r,
            })
            .collect();
        lines.extend((0..cols).map(|c| Line {
            members: (0..rows).map(|r| r * cols + c).collect(),
            total: cells + rows + c,
        }));
        lines.push(Line {
            members: (0..rows).map(|r| cells + r).collect(),
            total: cells + rows + cols,
        });
        lines
    }

    /// A 2 x 2 (or 2 x 3) table's values with its totals appended, as `table_lines` reads them.
    fn table(cells: &[u64]) -> Vec<u64> {
        let cols = cells.len() / 2;
        let mut v = cells.to_vec();
        v.extend((0..2).map(|r| cells[r * cols..(r + 1) * cols].iter().sum::<u64>()));
        v.extend((0..cols).map(|c| cells[c] + cells[cols + c]));
        v.push(cells.iter().sum());
        v
    }

    struct Reader<'a> {
        lines: &'a [Line],
        shown: &'a [Shown],
        below: u64,
        max: u64,
        hidden: Vec<usize>,
        seen: Vec<std::collections::BTreeSet<u64>>,
    }

    impl Reader<'_> {
        /// Whether the guess so far (the hidden cells before the `k`th guessed) can still keep
        /// every line's sum: a line all of whose cells are known must add up; one whose total is
        /// known must not be exceeded by the members known.
        fn fits(&self, guess: &[u64], k: usize) -> bool {
            let known = |i: usize| self.shown[i] == Shown::Count || self.hidden[..k].contains(&i);
            self.lines.iter().all(|l| {
                let sum: u64 = l
                    .members
                    .iter()
                    .filter(|i| known(**i))
                    .map(|i| guess[*i])
                    .sum();
                let all = l.members.iter().all(|i| known(*i));
                match (known(l.total), all) {
                    (true, true) => sum == guess[l.total],
                    (true, false) => sum <= guess[l.total],
                    (false, _) => true,
                }
            })
        }

        /// Tries every value for the hidden cells from the `k`th on.
        fn go(&mut self, k: usize, guess: &mut [u64]) {
            if k == self.hidden.len() {
                for (j, i) in self.hidden.iter().enumerate() {
                    self.seen[j].insert(guess[*i]);
                }
                return;
            }
            let i = self.hidden[k];
            let range = match self.shown[i] {
                Shown::Small => 1..self.below,
                _ => 0..self.max + 1,
            };
            for v in range {
                guess[i] = v;
                if self.fits(guess, k + 1) {
                    self.go(k + 1, guess);
                }
            }
        }
    }

    /// Per hidden cell, how many values it could be given what is published (capped at 2).
    fn solve(values: &[u64], lines: &[Line], below: u64, shown: &[Shown]) -> Vec<usize> {
        let hidden: Vec<usize> = (0..values.len())
            .filter(|i| shown[*i] != Shown::Count)
            .collect();
        let mut reader = Reader {
            lines,
            shown,
            below,
            // A reader knows no bound on a "*" but what the published totals imply: any
            // value up to all the counts together (and a little over) is open to them.
            max: values.iter().sum::<u64>() + below,
            seen: vec![Default::default(); hidden.len()],
            hidden: hidden.clone(),
        };
        let mut guess = values.to_vec();
        for i in &hidden {
            guess[*i] = 0;
        }
        reader.go(0, &mut guess);
        reader.seen.iter().map(|s| s.len().min(2)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// In a small table with row and column totals published, no hidden count can be worked
        /// out: each could be at least two values.
        #[test]
        fn no_hidden_count_can_be_worked_out(
            members in proptest::collection::vec(0u64..9, 1..6),
            below in 3u64..6,
        ) {
            // One line: its members and their published total (last), as the report's tables
            // are (a year's column and its total; a characteristic and the complaints received).
            let mut values = members.clone();
            values.push(members.iter().sum());
            let lines = [Line { members: (0..members.len()).collect(), total: members.len() }];
            let shown = protect(&values, &lines, below);
            for (i, s) in shown.iter().enumerate() {
                // A small count is shown as small, or (a total over pinned members) hidden.
                let hidden_small = *s == Shown::Small
                    || (i == members.len() && *s == Shown::Complement && values[i] < below);
                prop_assert_eq!(hidden_small, values[i] > 0 && values[i] < below);
            }
            let hidden: Vec<usize> = (0..values.len()).filter(|i| shown[*i] != Shown::Count).collect();
            if shown.contains(&Shown::Small) {
                let possible = solve(&values, &lines, below, &shown);
                for (j, i) in hidden.iter().enumerate() {
                    if shown[*i] == Shown::Small {
                        prop_assert!(possible[j] >= 2, "{:?} {:?} {:?}", values, shown, possible);
                    }
                }
            }
        }
    }
}
