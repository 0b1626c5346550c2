//! The article view driven through egui_kittest (no GPU): mouse and keyboard selection,
//! highlights, the context menu, scrolling to far paragraphs, focus loss and idle repaint.

#[path = "common/article_view.rs"]
mod support;

use std::ops::Range;

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factcheck::model::{ClaimId, TextIndex};
use factcheck::ui::article_view::{
    ArticleView, ArticleViewInput, ArticleViewOutput, Highlight, Highlights,
};

const TEXT: &str = "Trump said the Cyber Security unit would be impenetrable, guarding against election hacking.\n\
Critics replied that no such unit was ever set up, and the idea was dropped within a day.\n\
A third paragraph closes the article.";

struct Fixture {
    view: ArticleView,
    text: String,
    index: TextIndex,
    highlights: Highlights,
    find_matches: Vec<Range<usize>>,
    /// Every output of the view, OR-ed over frames.
    clicked: Vec<ClaimId>,
    mark_requested: bool,
    selection_changed: bool,
    has_focus: bool,
    /// What the "Mark selected text" button saw when clicked.
    button_saw: Option<Option<Range<usize>>>,
}

impl Fixture {
    fn new(text: &str, highlights: Vec<Highlight>) -> Self {
        Self {
            view: ArticleView::default(),
            text: text.to_owned(),
            index: TextIndex::new(text),
            highlights: Highlights::new(highlights),
            find_matches: Vec::new(),
            clicked: Vec::new(),
            mark_requested: false,
            selection_changed: false,
            has_focus: false,
            button_saw: None,
        }
    }
}

fn claim(n: u128) -> ClaimId {
    ClaimId(uuid::Uuid::from_u128(n))
}

fn harness(fixture: Fixture) -> Harness<'static, Fixture> {
    Harness::builder()
        .with_size(vec2(900.0, 600.0))
        // The generated long article has Hebrew and emoji, which kittest's fonts lack.
        .allow_missing_glyphs()
        // Real frame times, so that a double-click is a double-click.
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(240)
        .build_ui_state(
            |ui, f: &mut Fixture| {
                if ui.button("Mark selected text").clicked() {
                    f.button_saw = Some(f.view.selection());
                }
                let tooltip = |id: ClaimId| format!("Claim {id}");
                let input = ArticleViewInput {
                    text: &f.text,
                    index: &f.index,
                    highlights: &f.highlights,
                    selected_claim: None,
                    find_matches: &f.find_matches,
                    current_find_match: None,
                    font_size: 16.0,
                    reading_width_em: 40.0,
                    tooltip: &tooltip,
                };
                let out: ArticleViewOutput = f.view.ui(ui, &input);
                f.clicked.extend(out.clicked_claim);
                f.mark_requested |= out.mark_requested;
                f.selection_changed |= out.selection_changed;
                f.has_focus = out.has_focus;
            },
            fixture,
        )
}

fn pos(h: &Harness<'_, Fixture>, char_idx: usize) -> Pos2 {
    h.state()
        .view
        .char_screen_pos(char_idx)
        .unwrap_or_else(|| panic!("char {char_idx} is not on screen"))
}

/// Press and release the primary button at `p` (with modifiers held during the press).
fn click_at(h: &mut Harness<'_, Fixture>, p: Pos2, modifiers: Modifiers) {
    h.hover_at(p);
    h.event_modifiers(
        Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

fn char_idx(needle: &str) -> usize {
    support::char_of(TEXT, needle, 0)
}

#[test]
fn drag_selects_across_two_paragraphs() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("Cyber");
    let b = char_idx("no such") + 2;
    let (pa, pb) = (pos(&h, a), pos(&h, b));
    h.hover_at(pa);
    h.drag_at(pa);
    h.run();
    h.hover_at(pa + vec2(20.0, 10.0));
    h.hover_at(pb);
    h.run();
    h.drop_at(pb);
    h.run();
    assert_eq!(h.state().view.selection(), Some(a..b));
    assert_eq!(
        factcheck::model::TextIndex::new(TEXT).slice(TEXT, a..b),
        "Cyber Security unit would be impenetrable, guarding against election hacking.\nCritics replied that no"
    );
    assert!(h.state().selection_changed);
    assert!(h.state().has_focus, "pressing in the view focuses it");
}

#[test]
fn dragging_backwards_selects_the_same_range() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("third");
    let b = char_idx("replied");
    let (pa, pb) = (pos(&h, a), pos(&h, b));
    h.hover_at(pa);
    h.drag_at(pa);
    h.hover_at(pa - vec2(30.0, 5.0));
    h.hover_at(pb);
    h.drop_at(pb);
    h.run();
    assert_eq!(h.state().view.selection(), Some(b..a));
}

#[test]
fn shift_click_extends_the_selection() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("would");
    let b = char_idx("dropped");
    let p = pos(&h, a);
    click_at(&mut h, p, Modifiers::NONE);
    assert_eq!(
        h.state().view.selection(),
        None,
        "a plain click only places the caret"
    );
    let p = pos(&h, b);
    click_at(&mut h, p, Modifiers::SHIFT);
    assert_eq!(h.state().view.selection(), Some(a..b));
    // A second Shift+click moves the far end, keeping the anchor.
    let c = char_idx("Security");
    let p = pos(&h, c);
    click_at(&mut h, p, Modifiers::SHIFT);
    assert_eq!(h.state().view.selection(), Some(c..a));
}

#[test]
fn shift_arrows_and_keys_extend_the_selection() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("Cyber");
    let p = pos(&h, a);
    click_at(&mut h, p, Modifiers::NONE);
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().view.selection(), Some(a..a + 5));
    assert_eq!(TextIndex::new(TEXT).slice(TEXT, a..a + 5), "Cyber");
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().view.selection(), Some(a..char_idx(" unit")));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view.selection(), Some(a..char_idx(" unit") - 1));
    // Shift+Down goes to the next paragraph (the first one fits on two rows at most).
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let sel = h.state().view.selection().unwrap_or_default();
    assert_eq!(sel.start, a);
    assert!(
        sel.end > char_idx("Critics"),
        "three rows down leaves the first paragraph: {sel:?}"
    );
    // Shift+End then Shift+Ctrl+End reach the end of the text.
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::End);
    h.run();
    assert_eq!(h.state().view.selection(), Some(a..TEXT.chars().count()));
    // Right without Shift collapses to the end; Shift+Home selects to the start of the row.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().view.selection(), None);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Home);
    h.run();
    assert_eq!(
        h.state().view.selection(),
        Some(char_idx("A third")..char_idx("A third") + 37)
    );
    // Ctrl+A selects everything; Ctrl+C copies it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().view.selection(), Some(0..TEXT.chars().count()));
    // One frame with the key event, so that its output can be read.
    h.event(Event::Key {
        key: Key::C,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
        physical_key: None,
    });
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t == TEXT));
    assert!(copied, "Ctrl+C copies the selected text");
}

#[test]
fn double_click_selects_a_word() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let word = char_idx("impenetrable");
    let p = pos(&h, word + 4);
    h.hover_at(p);
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().view.selection(), Some(word..word + 12));
    // A third press selects the whole paragraph.
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().view.selection(), Some(0..char_idx("\nCritics")));
}

#[test]
fn clicking_a_highlight_reports_the_innermost_claim_and_hover_shows_its_tooltip() {
    let outer = char_idx("Trump")..char_idx(", guarding");
    let inner = char_idx("Cyber")..char_idx(" would");
    let mut h = harness(Fixture::new(
        TEXT,
        vec![
            Highlight {
                claim_id: claim(1),
                chars: outer.clone(),
                colour: egui::Color32::RED,
            },
            Highlight {
                claim_id: claim(2),
                chars: inner.clone(),
                colour: egui::Color32::BLUE,
            },
        ],
    ));
    h.run();
    // Middle of the glyph "y" in "Cyber": on the inner claim.
    let p = pos(&h, inner.start + 1) + vec2(3.0, 0.0);
    click_at(&mut h, p, Modifiers::NONE);
    assert_eq!(h.state().clicked, vec![claim(2)]);
    // On "said": only the outer claim.
    let p = pos(&h, char_idx("said") + 1) + vec2(3.0, 0.0);
    click_at(&mut h, p, Modifiers::NONE);
    assert_eq!(h.state().clicked, vec![claim(2), claim(1)]);
    // Outside any claim: nothing more.
    let p = pos(&h, char_idx("Critics") + 1) + vec2(3.0, 0.0);
    click_at(&mut h, p, Modifiers::NONE);
    assert_eq!(h.state().clicked.len(), 2);
    // Resting on the inner claim shows both claims' tooltips, innermost first.
    let p = pos(&h, inner.start + 2) + vec2(3.0, 0.0);
    h.hover_at(p);
    // Tooltips wait for the pointer to rest.
    for _ in 0..60 {
        h.step();
    }
    let inner_tip = format!("Claim {}", claim(2));
    let outer_tip = format!("Claim {}", claim(1));
    assert!(
        h.query_by_label(&inner_tip).is_some(),
        "tooltip for the inner claim"
    );
    assert!(
        h.query_by_label(&outer_tip).is_some(),
        "tooltip for the outer claim"
    );
}

#[test]
fn context_menu_mark_claim_is_reported() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("Cyber");
    h.state_mut().view.set_selection(Some(a..a + 14));
    h.run();
    let p = pos(&h, a + 3);
    h.hover_at(p);
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(!h.state().mark_requested);
    assert_eq!(
        h.state().view.selection(),
        Some(a..a + 14),
        "right-click keeps the selection"
    );
    h.get_by_label("Mark claim Ctrl+M").click();
    h.run();
    assert!(h.state().mark_requested);
    assert_eq!(h.state().view.selection(), Some(a..a + 14));
}

#[test]
fn scroll_to_char_brings_a_far_paragraph_into_view() {
    // Every other paragraph is wide capitals, whose height the view under-estimates before
    // layout.
    let latin = support::article(400_000, 11);
    let text: String = latin
        .split('\n')
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 0 {
                p.to_owned()
            } else {
                "WMW MWM ".repeat(40)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let target = support::char_of(&text, "\n", 399) + 5;
    assert!(target > 150_000);
    let mut h = harness(Fixture::new(&text, vec![]));
    h.run();
    assert!(h.state().view.char_screen_pos(target).is_none());
    h.state_mut().view.scroll_to_char(target);
    h.run();
    let p = h
        .state()
        .view
        .char_screen_pos(target)
        .unwrap_or_else(|| panic!("char {target} should be on screen"));
    // About a third from the top of the 600 pt window (the view starts below a button).
    assert!(p.y > 120.0 && p.y < 330.0, "{p:?}");
    // Only a screenful is laid out.
    let stats = h.state().view.stats();
    assert!(stats.paragraphs_laid_out < 30, "{stats:?}");
    // Scrolling up lays out paragraphs above, never laid out before, whose estimated heights
    // get corrected: the text on screen still moves by exactly the wheel distance.
    h.hover_at(p);
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, 300.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let q = h.state().view.char_screen_pos(target).unwrap_or_default();
    assert!((q.y - p.y - 300.0).abs() < 1.0, "moved from {p:?} to {q:?}");
}

#[test]
fn selection_survives_focus_loss() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let a = char_idx("impenetrable");
    let p = pos(&h, a);
    click_at(&mut h, p, Modifiers::NONE);
    for _ in 0..12 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    assert!(h.state().has_focus);
    h.get_by_label("Mark selected text").click();
    h.run();
    assert!(!h.state().has_focus, "the button took the focus");
    assert_eq!(h.state().button_saw, Some(Some(a..a + 12)));
    assert_eq!(h.state().view.selection(), Some(a..a + 12));
}

#[test]
fn view_is_focusable_and_labelled_for_screen_readers() {
    let mut h = harness(Fixture::new(TEXT, vec![]));
    h.run();
    let node = h.get_by_label("Article text");
    node.focus();
    h.run();
    assert!(h.state().has_focus);
    assert!(h.ctx.memory(|m| m.has_focus(ArticleView::id())));
    // The visible paragraphs are exposed as text.
    assert!(
        h.query_by_value("A third paragraph closes the article.")
            .is_some()
    );
}

#[test]
fn idle_frames_request_no_repaint() {
    let highlights = vec![Highlight {
        claim_id: claim(1),
        chars: char_idx("Cyber")..char_idx(" would"),
        colour: egui::Color32::RED,
    }];
    let mut h = harness(Fixture::new(TEXT, highlights));
    h.run();
    // Focused with a caret and a selection, the pointer away: nothing to animate.
    let p = pos(&h, 3);
    click_at(&mut h, p, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    h.remove_cursor();
    h.run();
    h.step();
    assert!(
        !h.ctx.has_requested_repaint(),
        "an idle frame asked for another"
    );
    h.step();
    assert!(!h.ctx.has_requested_repaint());
}

/// All rectangle and line shapes painted in the last frame.
fn painted(h: &Harness<'_, Fixture>) -> Vec<egui::Shape> {
    fn flatten(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
        if let egui::Shape::Vec(shapes) = shape {
            for s in shapes {
                flatten(s, out);
            }
        } else {
            out.push(shape.clone());
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        flatten(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn find_matches_and_the_selected_claim_are_painted_in_both_themes() {
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let claim_colour = egui::Color32::from_rgb(10, 120, 200);
        let mut fixture = Fixture::new(
            TEXT,
            vec![Highlight {
                claim_id: claim(1),
                chars: char_idx("Cyber")..char_idx(" would"),
                colour: claim_colour,
            }],
        );
        fixture.find_matches = support::find_all(TEXT, "unit");
        assert_eq!(fixture.find_matches.len(), 2);
        let mut h = Harness::builder()
            .with_size(vec2(900.0, 600.0))
            .with_theme(theme)
            .build_ui_state(
                move |ui, f: &mut Fixture| {
                    let tooltip = |id: ClaimId| format!("Claim {id}");
                    let input = ArticleViewInput {
                        text: &f.text,
                        index: &f.index,
                        highlights: &f.highlights,
                        selected_claim: Some(claim(1)),
                        find_matches: &f.find_matches,
                        current_find_match: Some(1),
                        font_size: 18.0,
                        reading_width_em: 70.0,
                        tooltip: &tooltip,
                    };
                    f.view.ui(ui, &input);
                },
                fixture,
            );
        h.run();
        let shapes = painted(&h);
        let rects: Vec<&egui::epaint::RectShape> = shapes
            .iter()
            .filter_map(|s| match s {
                egui::Shape::Rect(r) => Some(r),
                _ => None,
            })
            .collect();
        // Each find match is outlined; the current one with a thicker stroke.
        let find_outlines: Vec<f32> = rects
            .iter()
            .filter(|r| r.stroke.color.r() > 180 && r.stroke.color.b() < 80)
            .map(|r| r.stroke.width)
            .collect();
        assert_eq!(find_outlines.len(), 2, "{theme:?}: {find_outlines:?}");
        assert!(find_outlines.contains(&1.0) && find_outlines.contains(&2.0));
        // The claim's background is its colour, translucent.
        let fills = rects
            .iter()
            .filter(|r| r.fill.a() < 255 && r.fill.a() > 0 && r.fill.b() > r.fill.r())
            .count();
        assert!(fills >= 1, "{theme:?}: claim background painted");
        // The selected claim is underlined in its full colour.
        let underlined = shapes.iter().any(|s| {
            matches!(s, egui::Shape::LineSegment { stroke, .. } if stroke.color == claim_colour)
        });
        assert!(underlined, "{theme:?}: selected claim underlined");
    }
}

#[test]
fn keyboard_paging_and_ctrl_end_keep_the_caret_on_screen() {
    let text = support::article(200_000, 3);
    let total = text.chars().count();
    let mut h = harness(Fixture::new(&text, vec![]));
    h.run();
    let p = pos(&h, 0);
    click_at(&mut h, p, Modifiers::NONE);
    // Page Down twice: the caret moves about two screens down and stays visible.
    h.key_press(Key::PageDown);
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(
        h.state().view.selection(),
        None,
        "paging without Shift selects nothing"
    );
    // Select one char to learn where the caret is, then undo it.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    let sel = h.state().view.selection().unwrap_or_default();
    assert_eq!(sel.len(), 1);
    assert!(sel.start > 500, "two pages down from the start: {sel:?}");
    let on_screen = h.state().view.char_screen_pos(sel.start);
    assert!(
        on_screen.is_some_and(|p| p.y > 30.0 && p.y < 600.0),
        "{on_screen:?}"
    );
    // Shift+Page Up extends back up by a page.
    h.key_press_modifiers(Modifiers::SHIFT, Key::PageUp);
    h.run();
    let up = h.state().view.selection().unwrap_or_default();
    assert_eq!(up.end, sel.start, "the anchor stays: {up:?}");
    assert!(up.start < sel.start && up.start > 0, "{up:?}");
    // Ctrl+End goes to the end of a 200 KB text, which scrolls into view.
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    assert_eq!(h.state().view.selection(), None);
    let end = h.state().view.char_screen_pos(total);
    assert!(end.is_some_and(|p| p.y < 600.0), "{end:?}");
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::Home);
    h.run();
    assert_eq!(h.state().view.selection(), Some(0..total));
    assert!(h.state().view.char_screen_pos(0).is_some());
}
