//! The expressions of Obsidian's bases (`file.hasTag("book")`,
//! `price > 2.1 && status != "done"`, `if(x, "a", "b")`): a lexer and a
//! precedence-climbing parser into [`Expr`].
//!
//! Hand-written rather than taken from a crate: the language is Obsidian's
//! own (JavaScript-like method calls, regex literals, `&&`/`||`), and no
//! expression crate reads it. Parsing is bounded: nesting deeper than
//! [`MAX_DEPTH`] is an error, not a stack overflow.

/// How deep parentheses, calls and operators may nest.
const MAX_DEPTH: usize = 64;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    /// `null`.
    Null,
    /// `true`, `false`.
    Bool(bool),
    /// `2.5`.
    Number(f64),
    /// `"text"` or `'text'`.
    Text(String),
    /// `/pattern/flags`.
    Regex(String, String),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// A name: `file`, `note`, `formula`, `this`, or a note property.
    Name(String),
    /// `value.name`.
    Field(Box<Expr>, String),
    /// `value[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `name(args)` or `value.name(args)`: the callee, its receiver if a
    /// method, and the arguments; with the offset of the name, for
    /// problems.
    Call { name: String, receiver: Option<Box<Expr>>, args: Vec<Expr>, at: usize },
    /// `!x`, `-x`.
    Unary(char, Box<Expr>),
    /// `a op b`.
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Or => 1,
            Op::And => 2,
            Op::Eq | Op::Ne => 3,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 4,
            Op::Add | Op::Sub => 5,
            Op::Mul | Op::Div | Op::Rem => 6,
        }
    }
}

/// A syntax error: what is wrong and its byte offset in the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub message: String,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Regex(String, String),
    Word(String),
    Punct(&'static str),
}

/// Parses `source` whole.
pub(super) fn parse(source: &str) -> Result<Expr, SyntaxError> {
    let tokens = lex(source)?;
    let mut parser = Parser { tokens, next: 0, end: source.len(), depth: 0 };
    let expr = parser.binary(0)?;
    match parser.tokens.get(parser.next) {
        None => Ok(expr),
        Some((_, at)) => Err(SyntaxError { message: "unexpected text after the expression".into(), at: *at }),
    }
}

const PUNCTS: [&str; 20] =
    ["&&", "||", "==", "!=", ">=", "<=", ">", "<", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "."];

fn lex(source: &str) -> Result<Vec<(Token, usize)>, SyntaxError> {
    let mut tokens: Vec<(Token, usize)> = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < source.len() {
        let c = source[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_ascii_digit() {
            let end = source[i..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(source.len(), |e| i + e);
            // `1.isTruthy()`: a dot not followed by a digit ends the number.
            let end = match source[i..end].find('.') {
                Some(dot) if !bytes.get(i + dot + 1).is_some_and(u8::is_ascii_digit) => i + dot,
                _ => end,
            };
            let number = source[i..end].parse().map_err(|_| error("not a number", i))?;
            tokens.push((Token::Number(number), i));
            i = end;
        } else if c == '"' || c == '\'' {
            let (text, end) = string(source, i, c)?;
            tokens.push((Token::Text(text), i));
            i = end;
        } else if c == '/' && !ends_operand(tokens.last().map(|t| &t.0)) {
            let (pattern, flags, end) = regex(source, i)?;
            tokens.push((Token::Regex(pattern, flags), i));
            i = end;
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let end = source[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .map_or(source.len(), |e| i + e);
            tokens.push((Token::Word(source[i..end].to_owned()), i));
            i = end;
        } else if let Some(punct) = PUNCTS.iter().find(|p| source[i..].starts_with(**p)) {
            tokens.push((Token::Punct(punct), i));
            i += punct.len();
        } else {
            return Err(error(&format!("`{c}` has no meaning here"), i));
        }
    }
    Ok(tokens)
}

/// Whether a `/` after `token` divides (it ends an operand) rather than
/// starting a regex.
fn ends_operand(token: Option<&Token>) -> bool {
    match token {
        Some(Token::Number(_) | Token::Text(_) | Token::Regex(..) | Token::Word(_)) => true,
        Some(Token::Punct(p)) => matches!(*p, ")" | "]"),
        None => false,
    }
}

fn error(message: &str, at: usize) -> SyntaxError {
    SyntaxError { message: message.to_owned(), at }
}

/// The string opening with `quote` at `start`: its text and the offset
/// after it.
fn string(source: &str, start: usize, quote: char) -> Result<(String, usize), SyntaxError> {
    let mut text = String::new();
    let mut chars = source[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => text.push('\n'),
                Some((_, 't')) => text.push('\t'),
                Some((_, other)) => text.push(other),
                None => break,
            },
            c if c == quote => return Ok((text, start + 1 + i + 1)),
            c => text.push(c),
        }
    }
    Err(error("this text is never closed with its quote", start))
}

/// The regex literal at `start`: pattern, flags and the offset after it.
fn regex(source: &str, start: usize) -> Result<(String, String, usize), SyntaxError> {
    let mut escaped = false;
    for (i, c) in source[start + 1..].char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '/' if !escaped => {
                let close = start + 1 + i;
                let flags_end = source[close + 1..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .map_or(source.len(), |e| close + 1 + e);
                return Ok((source[start + 1..close].to_owned(), source[close + 1..flags_end].to_owned(), flags_end));
            }
            _ => escaped = false,
        }
    }
    Err(error("this regular expression is never closed with `/`", start))
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(_, at)| *at)
    }

    fn eat(&mut self, punct: &str) -> bool {
        let found = matches!(self.peek(), Some(Token::Punct(p)) if *p == punct);
        self.next += usize::from(found);
        found
    }

    fn expect(&mut self, punct: &str) -> Result<(), SyntaxError> {
        if self.eat(punct) { Ok(()) } else { Err(error(&format!("`{punct}` expected"), self.at())) }
    }

    fn binary_op(&self) -> Option<Op> {
        let Some(Token::Punct(p)) = self.peek() else { return None };
        Some(match *p {
            "||" => Op::Or,
            "&&" => Op::And,
            "==" => Op::Eq,
            "!=" => Op::Ne,
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            "/" => Op::Div,
            "%" => Op::Rem,
            _ => return None,
        })
    }

    /// Operators binding tighter than `floor`, left to right.
    fn binary(&mut self, floor: u8) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error("the expression nests too deeply", self.at()));
        }
        let mut left = self.unary()?;
        while let Some(op) = self.binary_op().filter(|op| op.precedence() > floor) {
            self.next += 1;
            let right = self.binary(op.precedence())?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        for sign in ['!', '-'] {
            if self.eat(&sign.to_string()) {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(error("the expression nests too deeply", self.at()));
                }
                let operand = self.unary()?;
                self.depth -= 1;
                return Ok(Expr::Unary(sign, Box::new(operand)));
            }
        }
        let primary = self.primary()?;
        self.postfix(primary)
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        let Some((token, _)) = self.tokens.get(self.next).cloned() else {
            return Err(error("the expression ends too soon", at));
        };
        self.next += 1;
        Ok(match token {
            Token::Number(n) => Expr::Number(n),
            Token::Text(text) => Expr::Text(text),
            Token::Regex(pattern, flags) => Expr::Regex(pattern, flags),
            Token::Word(word) => match word.as_str() {
                "true" => Expr::Bool(true),
                "false" => Expr::Bool(false),
                "null" => Expr::Null,
                _ if self.eat("(") => Expr::Call { name: word, receiver: None, args: self.arguments("(", ")")?, at },
                _ => Expr::Name(word),
            },
            Token::Punct("(") => {
                let inner = self.binary(0)?;
                self.expect(")")?;
                inner
            }
            Token::Punct("[") => Expr::List(self.arguments("[", "]")?),
            Token::Punct(p) => return Err(error(&format!("`{p}` cannot start a value"), at)),
        })
    }

    /// The comma-separated expressions up to `close` (`open` eaten).
    fn arguments(&mut self, _open: &str, close: &str) -> Result<Vec<Expr>, SyntaxError> {
        let mut args = Vec::new();
        if self.eat(close) {
            return Ok(args);
        }
        loop {
            args.push(self.binary(0)?);
            if self.eat(close) {
                return Ok(args);
            }
            if !self.eat(",") {
                return Err(error(&format!("`{close}` expected"), self.at()));
            }
        }
    }

    /// `.field`, `.method(args)` and `[index]` after a value.
    fn postfix(&mut self, mut value: Expr) -> Result<Expr, SyntaxError> {
        loop {
            if self.eat(".") {
                let at = self.at();
                let Some(Token::Word(name)) = self.peek().cloned() else {
                    return Err(error("a name expected after `.`", at));
                };
                self.next += 1;
                value = if self.eat("(") {
                    let args = self.arguments("(", ")")?;
                    Expr::Call { name, receiver: Some(Box::new(value)), args, at }
                } else {
                    Expr::Field(Box::new(value), name)
                };
            } else if self.eat("[") {
                let index = self.binary(0)?;
                self.expect("]")?;
                value = Expr::Index(Box::new(value), Box::new(index));
            } else {
                return Ok(value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Expr, Op, parse};

    #[test]
    fn reads_calls_operators_and_literals() {
        let expr = parse(r#"file.hasTag("book") && price > 2.1 || !done"#).expect("parses");
        let Expr::Binary(Op::Or, left, right) = expr else { panic!("or at the top") };
        assert!(matches!(*left, Expr::Binary(Op::And, ..)));
        assert_eq!(*right, Expr::Unary('!', Box::new(Expr::Name("done".into()))));
        assert_eq!(
            parse("1.isTruthy()").expect("parses"),
            Expr::Call { name: "isTruthy".into(), receiver: Some(Box::new(Expr::Number(1.0))), args: vec![], at: 2 }
        );
        assert!(matches!(parse(r#""a:b".replace(/:/g, "-")"#), Ok(Expr::Call { .. })));
        assert!(matches!(parse("price / age"), Ok(Expr::Binary(Op::Div, ..))));
        assert!(matches!(parse(r#"note["my key"][0]"#), Ok(Expr::Index(..))));
    }

    #[test]
    fn errors_name_their_position() {
        assert_eq!(parse("price >").map_err(|e| e.at), Err(7));
        assert_eq!(parse("if(a, b").map_err(|e| e.message), Err("`)` expected".to_owned()));
        assert_eq!(parse("\"open").map_err(|e| e.at), Err(0));
        assert!(parse(&"(".repeat(500)).is_err(), "deep nesting is an error, not a crash");
    }
}
