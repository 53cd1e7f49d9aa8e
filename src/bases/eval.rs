//! Evaluating a base's expressions for one page (a row): names (`file`,
//! `note`, `formula`, `this`, a note property), fields, operators, the
//! functions that need their arguments unevaluated (`if`, a list's
//! `filter` and `map`), and every other call through `functions`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::expr::{Expr, Op};
use super::functions::{self, Context};
use super::value::{Value, compare, duration, equal, shift};

/// What one base's expressions are evaluated in.
pub(super) struct Scope<'a> {
    /// The functions' context: the pages' facts, the time, links.
    pub cx: Context<'a>,
    /// The base's formulas, by name.
    pub formulas: HashMap<String, Expr>,
    /// The page `this` names.
    pub this: Option<usize>,
    /// Formulas computed so far, by page and name; `None` while one is
    /// being computed (a formula that reaches itself is null).
    computed: RefCell<HashMap<(usize, String), Option<Value>>>,
}

/// The properties of a file.
pub(super) const FILE_FIELDS: [&str; 14] = [
    "name",
    "basename",
    "path",
    "folder",
    "ext",
    "size",
    "ctime",
    "mtime",
    "tags",
    "links",
    "embeds",
    "properties",
    "file",
    "backlinks",
];

impl<'a> Scope<'a> {
    pub(super) fn new(cx: Context<'a>, formulas: HashMap<String, Expr>, this: Option<usize>) -> Self {
        Scope { cx, formulas, this, computed: RefCell::default() }
    }

    /// The value of `expr` for page `row`.
    pub(super) fn eval(&self, expr: &Expr, row: usize) -> Value {
        self.eval_in(expr, row, &[])
    }

    /// The value of the property `name` (`file.name`, `note.status`,
    /// `formula.price`, `status`) for page `row`.
    pub(super) fn property(&self, name: &str, row: usize) -> Value {
        match name.split_once('.') {
            Some(("file", field)) => self.file_field(row, field),
            Some(("formula", formula)) => self.formula(formula, row),
            Some(("note", key)) => self.note(row, key),
            _ => self.note(row, name),
        }
    }

    fn eval_in(&self, expr: &Expr, row: usize, locals: &[(&str, &Value)]) -> Value {
        match expr {
            Expr::Null => Value::Null,
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Regex(pattern, flags) => regex(pattern, flags),
            Expr::List(items) => Value::List(items.iter().map(|e| self.eval_in(e, row, locals)).collect()),
            Expr::Name(name) => self.name(name, row, locals),
            Expr::Field(value, field) => self.field(value, field, row, locals),
            Expr::Index(value, index) => {
                let (value, index) = (self.eval_in(value, row, locals), self.eval_in(index, row, locals));
                index_of(&value, &index, &self.cx)
            }
            Expr::Unary('!', operand) => Value::Bool(!self.eval_in(operand, row, locals).truthy()),
            Expr::Unary(_, operand) => {
                self.eval_in(operand, row, locals).number().map_or(Value::Null, |n| Value::Number(-n))
            }
            Expr::Binary(op, left, right) => self.binary(*op, left, right, row, locals),
            Expr::Call { name, receiver, args, .. } => self.call(name, receiver.as_deref(), args, row, locals),
        }
    }

    fn name(&self, name: &str, row: usize, locals: &[(&str, &Value)]) -> Value {
        if let Some((_, value)) = locals.iter().rev().find(|(n, _)| *n == name) {
            return (*value).clone();
        }
        match name {
            "file" => Value::File(row),
            "this" => self.this.map_or(Value::Null, Value::File),
            "note" => Value::Object(self.cx.facts[row].properties.clone()),
            _ => self.note(row, name),
        }
    }

    fn note(&self, row: usize, key: &str) -> Value {
        self.cx.facts[row].properties.iter().find(|(k, _)| k == key).map_or(Value::Null, |(_, v)| v.clone())
    }

    fn field(&self, value: &Expr, field: &str, row: usize, locals: &[(&str, &Value)]) -> Value {
        // The three namespaces, read without making their object.
        if let Expr::Name(name) = value
            && !locals.iter().any(|(n, _)| n == name)
        {
            match name.as_str() {
                "file" => return self.file_field(row, field),
                "note" => return self.note(row, field),
                "formula" => return self.formula(field, row),
                "this" => return self.this.map_or(Value::Null, |this| self.this_field(this, field)),
                _ => {}
            }
        }
        match self.eval_in(value, row, locals) {
            Value::File(page) => self.file_field(page, field),
            other => member(&other, field),
        }
    }

    /// `this.file.name`, `this.status`: `this` is a file with its note.
    fn this_field(&self, this: usize, field: &str) -> Value {
        if field == "file" { Value::File(this) } else { self.note(this, field) }
    }

    fn file_field(&self, page: usize, field: &str) -> Value {
        let facts = &self.cx.facts[page];
        match field {
            "name" | "basename" => Value::Text(facts.name.clone()),
            "path" => Value::Text(facts.path.clone()),
            "folder" => Value::Text(facts.folder.clone()),
            "ext" => Value::Text(facts.ext.clone()),
            "size" => Value::Number(facts.size),
            "ctime" => facts.ctime.map_or(Value::Null, |at| Value::Date(at, true)),
            "mtime" => facts.mtime.map_or(Value::Null, |at| Value::Date(at, true)),
            "tags" => Value::List(facts.tags.iter().map(|t| Value::Text(format!("#{t}"))).collect()),
            "links" | "embeds" => Value::List(
                facts
                    .links
                    .iter()
                    .map(|&p| Value::Link { page: Some(p), target: (self.cx.name)(p), display: None })
                    .collect(),
            ),
            "properties" => Value::Object(facts.properties.clone()),
            "file" => Value::File(page),
            "backlinks" => Value::List(
                facts
                    .backlinks
                    .iter()
                    .map(|&p| Value::Link { page: Some(p), target: (self.cx.name)(p), display: None })
                    .collect(),
            ),
            _ => Value::Null,
        }
    }

    fn formula(&self, name: &str, row: usize) -> Value {
        let key = (row, name.to_owned());
        if let Some(known) = self.computed.borrow().get(&key) {
            return known.clone().unwrap_or(Value::Null);
        }
        let Some(expr) = self.formulas.get(name) else { return Value::Null };
        self.computed.borrow_mut().insert(key.clone(), None);
        let value = self.eval(expr, row);
        self.computed.borrow_mut().insert(key, Some(value.clone()));
        value
    }

    fn binary(&self, op: Op, left: &Expr, right: &Expr, row: usize, locals: &[(&str, &Value)]) -> Value {
        let a = self.eval_in(left, row, locals);
        // `&&` and `||` give one of their operands, as in JavaScript.
        match op {
            Op::And if !a.truthy() => return a,
            Op::Or if a.truthy() => return a,
            Op::And | Op::Or => return self.eval_in(right, row, locals),
            _ => {}
        }
        let b = self.eval_in(right, row, locals);
        let ordered = |test: fn(std::cmp::Ordering) -> bool| Value::Bool(compare(&a, &b).is_some_and(test));
        match op {
            Op::Eq => Value::Bool(equal(&a, &b)),
            Op::Ne => Value::Bool(!equal(&a, &b)),
            Op::Lt => ordered(std::cmp::Ordering::is_lt),
            Op::Le => ordered(std::cmp::Ordering::is_le),
            Op::Gt => ordered(std::cmp::Ordering::is_gt),
            Op::Ge => ordered(std::cmp::Ordering::is_ge),
            Op::Add | Op::Sub => self.add(&a, &b, op == Op::Sub),
            _ => arithmetic(op, &a, &b),
        }
    }

    /// `a + b` or `a - b`: numbers, a date moved by a duration, two dates'
    /// milliseconds apart, text joined.
    fn add(&self, a: &Value, b: &Value, minus: bool) -> Value {
        match (a, b) {
            (Value::Date(at, time), Value::Text(_) | Value::Duration(_)) => {
                let span = match b {
                    Value::Duration(span) => Some(*span),
                    other => duration(&other.text(self.cx.name)),
                };
                span.and_then(|span| shift(*at, span, minus)).map_or(Value::Null, |moved| Value::Date(moved, *time))
            }
            (Value::Date(x, _), Value::Date(y, _)) if minus => {
                Value::Number((x.as_millisecond() - y.as_millisecond()) as f64)
            }
            (Value::Text(_), _) | (_, Value::Text(_)) if !minus => {
                Value::Text(format!("{}{}", functions::shown(a, &self.cx), functions::shown(b, &self.cx)))
            }
            _ => arithmetic(if minus { Op::Sub } else { Op::Add }, a, b),
        }
    }

    fn call(&self, name: &str, receiver: Option<&Expr>, args: &[Expr], row: usize, locals: &[(&str, &Value)]) -> Value {
        let Some(receiver) = receiver else {
            // `if` evaluates only the branch it takes.
            if name == "if" && !args.is_empty() {
                let taken = if self.eval_in(&args[0], row, locals).truthy() { args.get(1) } else { args.get(2) };
                return taken.map_or(Value::Null, |e| self.eval_in(e, row, locals));
            }
            let values: Vec<Value> = args.iter().map(|a| self.eval_in(a, row, locals)).collect();
            return functions::global(name, &values, &self.cx).unwrap_or(Value::Null);
        };
        let value = self.eval_in(receiver, row, locals);
        if let (Value::List(items), "filter" | "map", Some(body)) = (&value, name, args.first()) {
            let mut kept = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let index = Value::Number(i as f64);
                let mut inner = locals.to_vec();
                inner.extend([("value", item), ("index", &index)]);
                let made = self.eval_in(body, row, &inner);
                match name {
                    "filter" if made.truthy() => kept.push(item.clone()),
                    "filter" => {}
                    _ => kept.push(made),
                }
            }
            return Value::List(kept);
        }
        let values: Vec<Value> = args.iter().map(|a| self.eval_in(a, row, locals)).collect();
        // A method of another type (a link's `contains`) is empty, as is
        // one tend does not know (a warning when the base was read).
        functions::method(name, &value, &values, &self.cx).unwrap_or(Value::Null)
    }
}

/// `value.field`: an object's key, a date's parts, a text's or list's
/// length.
fn member(value: &Value, field: &str) -> Value {
    match (value, field) {
        (Value::Object(fields), _) => fields.iter().find(|(k, _)| k == field).map_or(Value::Null, |(_, v)| v.clone()),
        (Value::Text(t), "length") => Value::Number(t.chars().count() as f64),
        (Value::List(items), "length") => Value::Number(items.len() as f64),
        // Two dates apart are milliseconds, which read in larger units too.
        (Value::Number(ms), unit) => {
            let size = match unit {
                "milliseconds" => 1.0,
                "seconds" => 1e3,
                "minutes" => 6e4,
                "hours" => 3.6e6,
                "days" => 8.64e7,
                "weeks" => 6.048e8,
                _ => return Value::Null,
            };
            Value::Number((ms / size).floor())
        }
        (Value::Date(at, _), part) => {
            let civil = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
            let n = match part {
                "year" => i64::from(civil.year()),
                "month" => i64::from(civil.month()),
                "day" => i64::from(civil.day()),
                "hour" => i64::from(civil.hour()),
                "minute" => i64::from(civil.minute()),
                "second" => i64::from(civil.second()),
                "millisecond" => i64::from(civil.millisecond()),
                _ => return Value::Null,
            };
            Value::Number(n as f64)
        }
        _ => Value::Null,
    }
}

fn index_of(value: &Value, index: &Value, cx: &Context) -> Value {
    match (value, index) {
        (Value::List(items), Value::Number(n)) if *n >= 0.0 => items.get(*n as usize).cloned().unwrap_or(Value::Null),
        (Value::Object(_), key) => member(value, &key.text(cx.name)),
        _ => Value::Null,
    }
}

fn arithmetic(op: Op, a: &Value, b: &Value) -> Value {
    let (Some(x), Some(y)) = (a.number(), b.number()) else { return Value::Null };
    let n = match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        Op::Rem => x % y,
        _ => return Value::Null,
    };
    if n.is_finite() { Value::Number(n) } else { Value::Null }
}

/// A regex literal; one the engine cannot read matches nothing.
fn regex(pattern: &str, flags: &str) -> Value {
    let inline: String = flags.chars().filter(|f| matches!(f, 'i' | 'm' | 's')).collect();
    let written = if inline.is_empty() { pattern.to_owned() } else { format!("(?{inline}){pattern}") };
    match regex::RegexBuilder::new(&written).size_limit(1 << 20).build() {
        Ok(re) => Value::Regex(re, flags.contains('g')),
        Err(_) => Value::Null,
    }
}
