// Decimal scale inference and SQLite decimal text (see decimal.h).
#include "sql/decimal.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace railgun::sql {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Token {
  enum class Kind { kNumber, kString, kQuoted, kWord, kOp, kEnd } kind = Kind::kEnd;
  size_t begin = 0, end = 0;
};

// Splits an SQL expression into tokens; false on characters it does not know.
bool Tokenize(std::string_view s, std::vector<Token>& out) {
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    if (c == '\'' || c == '"') {
      t.kind = c == '\'' ? Token::Kind::kString : Token::Kind::kQuoted;
      ++i;
      while (i < s.size()) {
        if (s[i] == c) {
          if (i + 1 < s.size() && s[i + 1] == c) {
            i += 2;
            continue;
          }
          break;
        }
        ++i;
      }
      if (i >= s.size()) return false;
      ++i;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      t.kind = Token::Kind::kNumber;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      }
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      t.kind = Token::Kind::kWord;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    } else {
      t.kind = Token::Kind::kOp;
      static const char* kTwo[] = {"||", "<=", ">=", "<>", "!=", "==", "::"};
      bool two = false;
      for (const char* op : kTwo)
        if (s.substr(i, 2) == op) two = true;
      if (!two && std::string_view("+-*/%()<>=,.").find(c) == std::string_view::npos) return false;
      i += two ? 2 : 1;
    }
    t.end = i;
    out.push_back(t);
  }
  Token end;
  end.begin = end.end = s.size();
  out.push_back(end);
  return true;
}

// A scale: the same for every row (`constant`) or an SQL expression.
struct Scale {
  std::optional<int> constant;
  std::string sql;
  [[nodiscard]] std::string Text() const { return constant ? std::to_string(*constant) : sql; }
};

Scale Constant(int n) { return Scale{n, {}}; }

Scale Max(const Scale& a, const Scale& b) {
  if (a.constant && b.constant) return Constant(std::max(*a.constant, *b.constant));
  return Scale{std::nullopt, "max(" + a.Text() + ", " + b.Text() + ")"};
}

Scale Sum(const Scale& a, const Scale& b) {
  if (a.constant && b.constant) return Constant(*a.constant + *b.constant);
  return Scale{std::nullopt, "(" + a.Text() + " + " + b.Text() + ")"};
}

// `CASE <operand> WHEN c1 THEN s1 ... ELSE se END` over branch scales (a constant when they agree).
Scale Branches(const std::string& operand, const std::vector<std::pair<std::string, Scale>>& whens,
               const Scale& other) {
  bool same = other.constant.has_value();
  for (const auto& [cond, s] : whens) same = same && s.constant == other.constant;
  if (same) return other;
  std::string out = "CASE" + (operand.empty() ? "" : " " + operand);
  for (const auto& [cond, s] : whens) out += " WHEN " + cond + " THEN " + s.Text();
  return Scale{std::nullopt, out + " ELSE " + other.Text() + " END"};
}

struct Node {
  size_t begin = 0, end = 0;
  std::optional<Scale> scale;
};

class Parser {
 public:
  Parser(std::string_view src, std::vector<Token> tokens,
         const std::function<std::optional<int>(std::string_view)>& column_scale)
      : src_(src), toks_(std::move(tokens)), column_scale_(column_scale) {}

  std::optional<std::string> Run() {
    Node n = Expr();
    if (failed_ || Peek().kind != Token::Kind::kEnd || !n.scale) return std::nullopt;
    return n.scale->Text();
  }

 private:
  const Token& Peek(size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  std::string_view TextOf(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }
  std::string Span(size_t begin, size_t end) const { return std::string(src_.substr(begin, end - begin)); }
  bool IsWord(const Token& t, std::string_view w) const {
    return t.kind == Token::Kind::kWord && Lower(TextOf(t)) == w;
  }
  bool IsOp(const Token& t, std::string_view op) const { return t.kind == Token::Kind::kOp && TextOf(t) == op; }
  bool Word(std::string_view w) {
    if (!IsWord(Peek(), w)) return false;
    ++pos_;
    return true;
  }
  bool Op(std::string_view op) {
    if (!IsOp(Peek(), op)) return false;
    ++pos_;
    return true;
  }
  void Expect(std::string_view op) {
    if (!Op(op)) failed_ = true;
  }
  void ExpectWord(std::string_view w) {
    if (!Word(w)) failed_ = true;
  }
  Node Fail() {
    failed_ = true;
    ++pos_;  // always make progress
    return Node{Peek().begin, Peek().begin, std::nullopt};
  }
  size_t Begin() const { return Peek().begin; }
  size_t End() const { return pos_ ? toks_[pos_ - 1].end : 0; }

  Node Expr() { return Or(); }

  Node Or() {
    Node l = And();
    while (!failed_ && Word("or")) {
      And();
      l = Node{l.begin, End(), std::nullopt};
    }
    return l;
  }

  Node And() {
    Node l = Not();
    while (!failed_ && Word("and")) {
      Not();
      l = Node{l.begin, End(), std::nullopt};
    }
    return l;
  }

  Node Not() {
    const size_t b = Begin();
    if (Word("not")) {
      Not();
      return Node{b, End(), std::nullopt};
    }
    return Comparison();
  }

  Node Comparison() {
    Node l = Additive();
    while (!failed_) {
      const Token& t = Peek();
      if (t.kind == Token::Kind::kOp &&
          (TextOf(t) == "=" || TextOf(t) == "==" || TextOf(t) == "<>" || TextOf(t) == "!=" || TextOf(t) == "<" ||
           TextOf(t) == "<=" || TextOf(t) == ">" || TextOf(t) == ">=")) {
        ++pos_;
        Additive();
      } else if (Word("is")) {
        Word("not");
        if (Word("distinct")) ExpectWord("from");
        Additive();
      } else if (IsWord(t, "not") || IsWord(t, "in") || IsWord(t, "between") || IsWord(t, "like") ||
                 IsWord(t, "glob")) {
        Word("not");
        if (Word("in")) {
          Expect("(");
          if (!Op(")")) {
            Expr();
            while (!failed_ && Op(",")) Expr();
            Expect(")");
          }
        } else if (Word("between")) {
          Additive();
          ExpectWord("and");
          Additive();
        } else if (Word("like") || Word("glob")) {
          Additive();
        } else {
          failed_ = true;
        }
      } else {
        break;
      }
      l = Node{l.begin, End(), std::nullopt};
    }
    return l;
  }

  Node Additive() {
    Node l = Multiplicative();
    while (!failed_) {
      if (Op("+") || Op("-")) {
        Node r = Multiplicative();
        std::optional<Scale> s;
        if (l.scale && r.scale) s = Max(*l.scale, *r.scale);
        l = Node{l.begin, End(), s};
      } else if (Op("||")) {
        Multiplicative();
        l = Node{l.begin, End(), std::nullopt};
      } else {
        break;
      }
    }
    return l;
  }

  Node Multiplicative() {
    Node l = Unary();
    while (!failed_) {
      if (Op("*")) {
        Node r = Unary();
        std::optional<Scale> s;
        if (l.scale && r.scale) s = Sum(*l.scale, *r.scale);
        l = Node{l.begin, End(), s};
      } else if (Op("%")) {
        Node r = Unary();
        std::optional<Scale> s;
        if (l.scale && r.scale) s = Max(*l.scale, *r.scale);
        l = Node{l.begin, End(), s};
      } else if (Op("/")) {  // PostgreSQL picks the quotient's scale from the operands' magnitudes
        Unary();
        l = Node{l.begin, End(), std::nullopt};
      } else {
        break;
      }
    }
    return l;
  }

  Node Unary() {
    const size_t b = Begin();
    if (Op("-") || Op("+")) {
      Node n = Unary();
      return Node{b, End(), n.scale};
    }
    return Postfix();
  }

  // The scale a cast to `type` gives: integers 0, numeric(p, s) s, anything else unknown.
  std::optional<Scale> CastScale(std::optional<Scale> inner) {
    const Token& t = Peek();
    if (t.kind != Token::Kind::kWord) {
      failed_ = true;
      return std::nullopt;
    }
    std::string type = Lower(TextOf(t));
    ++pos_;
    while (Peek().kind == Token::Kind::kWord) ++pos_;  // "double precision", "character varying"
    std::vector<int> mods;
    if (Op("(")) {
      while (!failed_ && Peek().kind == Token::Kind::kNumber) {
        mods.push_back(std::atoi(std::string(TextOf(Peek())).c_str()));
        ++pos_;
        if (!Op(",")) break;
      }
      Expect(")");
    }
    if (type == "integer" || type == "int" || type == "bigint" || type == "smallint" || type == "int4" ||
        type == "int8" || type == "int2")
      return Constant(0);
    if (type == "numeric" || type == "decimal") {
      if (mods.size() == 2) return Constant(mods[1]);
      if (mods.size() == 1) return Constant(0);
      return inner;
    }
    return std::nullopt;
  }

  Node Postfix() {
    Node n = Primary();
    while (!failed_) {
      if (Op("::")) {
        n.scale = CastScale(n.scale);
        n.end = End();
      } else if (Word("collate")) {
        if (Peek().kind == Token::Kind::kWord || Peek().kind == Token::Kind::kQuoted) ++pos_;
        n.end = End();
      } else {
        break;
      }
    }
    return n;
  }

  Node Primary() {
    const Token t = Peek();
    const size_t b = t.begin;
    switch (t.kind) {
      case Token::Kind::kNumber: {
        ++pos_;
        std::string_view text = TextOf(t);
        size_t e = text.find_first_of("eE");
        std::string_view mantissa = text.substr(0, e);
        size_t dot = mantissa.find('.');
        int digits = dot == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
        if (e != std::string_view::npos) digits -= std::atoi(std::string(text.substr(e + 1)).c_str());
        return Node{b, End(), Constant(std::max(digits, 0))};
      }
      case Token::Kind::kString: ++pos_; return Node{b, End(), std::nullopt};
      case Token::Kind::kQuoted: {
        ++pos_;
        std::string_view q = TextOf(t);
        std::string name(q.substr(1, q.size() - 2));
        std::optional<int> s = column_scale_(name);
        return Node{b, End(), s ? std::optional<Scale>(Constant(*s)) : std::nullopt};
      }
      case Token::Kind::kOp:
        if (Op("(")) {
          Node inner = Expr();
          Expect(")");
          return Node{b, End(), inner.scale};
        }
        return Fail();
      case Token::Kind::kEnd: return Fail();
      case Token::Kind::kWord: break;
    }
    const std::string word = Lower(TextOf(t));
    if (word == "null") {
      ++pos_;
      return Node{b, End(), Constant(0)};  // never printed
    }
    if (word == "true" || word == "false") {
      ++pos_;
      return Node{b, End(), std::nullopt};
    }
    if (word == "case") {
      ++pos_;
      return Case(b);
    }
    if (word == "cast" && IsOp(Peek(1), "(")) {
      pos_ += 2;
      Node inner = Expr();
      ExpectWord("as");
      std::optional<Scale> s = failed_ ? std::nullopt : CastScale(inner.scale);
      Expect(")");
      return Node{b, End(), s};
    }
    if (IsOp(Peek(1), "(")) {
      pos_ += 2;
      return Call(b, word);
    }
    ++pos_;
    if (IsOp(Peek(), ".")) {  // alias.column
      ++pos_;
      const Token c = Peek();
      if (c.kind != Token::Kind::kWord && c.kind != Token::Kind::kQuoted) return Fail();
      ++pos_;
      std::string name(TextOf(c));
      if (c.kind == Token::Kind::kQuoted) name = name.substr(1, name.size() - 2);
      std::optional<int> s = column_scale_(name);
      return Node{b, End(), s ? std::optional<Scale>(Constant(*s)) : std::nullopt};
    }
    std::optional<int> s = column_scale_(TextOf(t));
    return Node{b, End(), s ? std::optional<Scale>(Constant(*s)) : std::nullopt};
  }

  Node Case(size_t b) {
    std::string operand;
    if (!IsWord(Peek(), "when")) {
      Node op = Expr();
      operand = Span(op.begin, op.end);
    }
    std::vector<std::pair<std::string, Scale>> whens;
    bool known = true;
    while (!failed_ && Word("when")) {
      Node cond = Expr();
      ExpectWord("then");
      Node value = Expr();
      if (!value.scale) known = false;
      whens.emplace_back(Span(cond.begin, cond.end), value.scale.value_or(Constant(0)));
    }
    if (whens.empty()) failed_ = true;
    Scale other = Constant(0);  // no ELSE: NULL, never printed
    if (Word("else")) {
      Node e = Expr();
      if (!e.scale) known = false;
      other = e.scale.value_or(Constant(0));
    }
    ExpectWord("end");
    if (failed_ || !known) return Node{b, End(), std::nullopt};
    return Node{b, End(), Branches(operand, whens, other)};
  }

  Node Call(size_t b, const std::string& name) {
    std::vector<Node> args;
    if (!Op(")")) {
      Word("distinct");
      args.push_back(Expr());
      while (!failed_ && Op(",")) args.push_back(Expr());
      Expect(")");
    }
    const size_t e = End();
    auto all_known = [&]() {
      for (const Node& a : args)
        if (!a.scale) return false;
      return !args.empty();
    };
    std::optional<Scale> s;
    if (name == "round" || name == "trunc") {
      if (args.size() == 1) s = Constant(0);
      if (args.size() == 2 && args[1].scale && args[1].scale->constant == 0) {
        std::string digits = Span(args[1].begin, args[1].end);
        if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(c); }))
          s = Constant(std::atoi(digits.c_str()));
      }
    } else if (name == "ceil" || name == "ceiling" || name == "floor" || name == "sign") {
      if (args.size() == 1) s = Constant(0);
    } else if (name == "abs" || name == "nullif") {
      if (!args.empty() && args[0].scale) s = args[0].scale;
    } else if (name == "coalesce" || name == "ifnull") {
      if (all_known()) {
        std::vector<std::pair<std::string, Scale>> whens;
        for (size_t i = 0; i + 1 < args.size(); ++i)
          whens.emplace_back(Span(args[i].begin, args[i].end) + " IS NOT NULL", *args[i].scale);
        s = Branches("", whens, *args.back().scale);
      }
    } else if (name == "max" || name == "min" || name == "greatest" || name == "least") {
      // The result is one of the values, with its own scale: known when they all agree.
      if (all_known()) {
        s = args[0].scale;
        for (const Node& a : args)
          if (a.scale->constant != s->constant || !a.scale->constant) s = std::nullopt;
      }
    } else if (name == "count" || name == "length" || name == "char_length" || name == "instr" || name == "strpos") {
      s = Constant(0);
    }
    return Node{b, e, s};
  }

  std::string_view src_;
  std::vector<Token> toks_;
  const std::function<std::optional<int>(std::string_view)>& column_scale_;
  size_t pos_ = 0;
  bool failed_ = false;
};

std::string Zeros(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), '0'); }

bool IsInteger(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> DecimalScaleSql(std::string_view expr,
                                           const std::function<std::optional<int>(std::string_view)>& column_scale) {
  std::vector<Token> tokens;
  if (!Tokenize(expr, tokens)) return std::nullopt;
  Parser p(expr, std::move(tokens), column_scale);
  return p.Run();
}

std::string SqliteDecimalText(std::string_view expr, std::string_view scale_sql) {
  const std::string e = "(" + std::string(expr) + ")";
  const std::string s(scale_sql);
  if (IsInteger(scale_sql)) {
    const int n = std::atoi(s.c_str());
    const std::string zero = n > 0 ? "0." + Zeros(n) : "0";
    const std::string real =
        "CASE WHEN round(" + e + ", " + s + ") = 0 THEN '" + zero + "' ELSE printf('%." + s + "f', " + e + ") END";
    // Stored text keeps its digits: padded with zeros, cut at `n` places (exponent forms go through REAL).
    const std::string text = "CASE WHEN " + e + " GLOB '*[eE]*' OR " + e + " NOT GLOB '*[0-9]*' THEN printf('%." + s +
                             "f', CAST(" + e + " AS REAL)) WHEN instr(" + e + ", '.') = 0 THEN " + e +
                             (n > 0 ? " || '." + Zeros(n) + "'" : "") + " ELSE substr(" + e +
                             (n > 0 ? " || '" + Zeros(n) + "'" : "") + ", 1, instr(" + e + ", '.') " +
                             (n > 0 ? "+ " + s : "- 1") + ") END";
    return "CASE typeof(" + e + ") WHEN 'integer' THEN CAST(" + e + " AS TEXT)" +
           (n > 0 ? " || '." + Zeros(n) + "'" : "") + " WHEN 'real' THEN " + real + " WHEN 'text' THEN " + text +
           " ELSE NULL END";
  }
  // A per-row scale.
  const std::string sc = "(" + s + ")";
  return "CASE WHEN " + e + " IS NULL THEN NULL WHEN typeof(" + e + ") = 'integer' THEN CAST(" + e +
         " AS TEXT) || CASE WHEN " + sc + " > 0 THEN '.' || substr('" + Zeros(40) + "', 1, " + sc +
         ") ELSE '' END WHEN round(CAST(" + e + " AS REAL), " + sc + ") = 0 THEN printf('%.*f', " + sc +
         ", 0.0) ELSE printf('%.*f', " + sc + ", CAST(" + e + " AS REAL)) END";
}

}  // namespace railgun::sql
