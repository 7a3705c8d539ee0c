// Building and rendering catalog messages (see messages.hpp): argument checks
// against the catalog's declarations, and a small template interpreter for
// {name}, {n?one|other} and {n#a|b|c}.
#include "core/text/messages.hpp"

#include <utility>

#include "core/error.hpp"

namespace finlab::text {

namespace {

const Spec& spec_of(Id id) {
  const auto i = static_cast<std::size_t>(id);
  FINLAB_REQUIRE(i < catalog().size() && catalog()[i].id == id, "text: message id " << i << " is not in the catalog");
  return catalog()[i];
}

struct Param {
  std::string_view name;
  char kind;
};

// "a:t,b:i" -> {{a,'t'},{b,'i'}}
std::vector<Param> params_of(const Spec& s) {
  std::vector<Param> out;
  std::string_view p = s.params;
  while (!p.empty()) {
    const auto comma = p.find(',');
    const std::string_view item = p.substr(0, comma);
    const auto colon = item.find(':');
    out.push_back({item.substr(0, colon), colon == std::string_view::npos ? '?' : item[colon + 1]});
    if (comma == std::string_view::npos) break;
    p.remove_prefix(comma + 1);
  }
  return out;
}

char kind_char(Arg::Kind k) {
  switch (k) {
    case Arg::Kind::integer: return 'i';
    case Arg::Kind::text: return 't';
    case Arg::Kind::bilingual: return 'b';
    case Arg::Kind::message: return 'm';
  }
  return '?';
}

std::string arg_text(const Arg& a, Lang lang) {
  switch (a.kind) {
    case Arg::Kind::integer: return std::to_string(a.integer);
    case Arg::Kind::text: return a.en;
    case Arg::Kind::bilingual: return lang == Lang::zh && !a.zh.empty() ? a.zh : a.en;
    case Arg::Kind::message: return render(a.sub.front(), lang);
  }
  return {};
}

// The i-th of the '|'-separated choices.
std::string_view choice(std::string_view choices, std::int64_t i) {
  for (std::int64_t k = 0; k < i; ++k) {
    const auto bar = choices.find('|');
    FINLAB_REQUIRE(bar != std::string_view::npos, "text: choice " << i << " out of range in {" << choices << "}");
    choices.remove_prefix(bar + 1);
  }
  return choices.substr(0, choices.find('|'));
}

}  // namespace

std::string_view lang_code(Lang lang) { return lang == Lang::zh ? "zh" : "en"; }

bool parse_lang(std::string_view code, Lang& out) {
  if (code == "en") out = Lang::en;
  else if (code == "zh") out = Lang::zh;
  else return false;
  return true;
}

Arg Arg::number(std::int64_t n) {
  Arg a;
  a.kind = Kind::integer;
  a.integer = n;
  return a;
}

Arg Arg::verbatim(std::string s) {
  Arg a;
  a.kind = Kind::text;
  a.en = std::move(s);
  return a;
}

Arg Arg::names(Bilingual b) {
  Arg a;
  a.kind = Kind::bilingual;
  a.en = std::move(b.en);
  a.zh = std::move(b.zh);
  return a;
}

Arg Arg::of(Message m) {
  Arg a;
  a.kind = Kind::message;
  a.sub.push_back(std::move(m));
  return a;
}

Message make(Id id, std::vector<Arg> args) {
  const Spec& s = spec_of(id);
  const auto params = params_of(s);
  FINLAB_REQUIRE(params.size() == args.size(),
                 "text: message " << s.key << " takes " << params.size() << " arguments, got " << args.size());
  for (std::size_t i = 0; i < args.size(); ++i)
    FINLAB_REQUIRE(kind_char(args[i].kind) == params[i].kind, "text: message " << s.key << " argument " << params[i].name << " must be of kind "
                                                                                  << params[i].kind << ", got " << kind_char(args[i].kind));
  return Message{id, std::move(args)};
}

Message make(Id id, std::initializer_list<Arg> args) { return make(id, std::vector<Arg>(args)); }

Message with_english(std::string en, const Message& zh) { return make(Id::name, {Arg::names({std::move(en), render(zh, Lang::zh)})}); }

Message join(std::vector<Message> items, Id separator) {
  FINLAB_REQUIRE(separator == Id::list || separator == Id::list_semicolon, "text: join needs Id::list or Id::list_semicolon");
  if (items.empty()) return make(Id::nothing, {});
  Message out = std::move(items.back());
  for (std::size_t k = items.size() - 1; k-- > 0;) out = make(separator, {Arg::of(std::move(items[k])), Arg::of(std::move(out))});
  return out;
}

std::string render(const Message& m, Lang lang) {
  const Spec& s = spec_of(m.id);
  const auto params = params_of(s);
  FINLAB_REQUIRE(params.size() == m.args.size(), "text: message " << s.key << " has " << m.args.size() << " arguments, needs " << params.size());
  const std::string_view tpl = lang == Lang::zh ? s.zh : s.en;
  std::string out;
  std::size_t i = 0;
  while (i < tpl.size()) {
    const auto open = tpl.find('{', i);
    if (open == std::string_view::npos) {
      out.append(tpl.substr(i));
      break;
    }
    out.append(tpl.substr(i, open - i));
    const auto close = tpl.find('}', open);
    FINLAB_REQUIRE(close != std::string_view::npos, "text: unclosed { in " << s.key);
    const std::string_view field = tpl.substr(open + 1, close - open - 1);
    const auto mark = field.find_first_of("?#");
    const std::string_view name = field.substr(0, mark);
    std::size_t k = 0;
    while (k < params.size() && params[k].name != name) ++k;
    FINLAB_REQUIRE(k < params.size(), "text: " << s.key << " names an undeclared argument {" << name << "}");
    const Arg& a = m.args[k];
    if (mark == std::string_view::npos) {
      out += arg_text(a, lang);
    } else {
      FINLAB_REQUIRE(a.kind == Arg::Kind::integer, "text: " << s.key << " chooses by a non-integer {" << name << "}");
      const std::string_view choices = field.substr(mark + 1);
      out.append(field[mark] == '?' ? choice(choices, a.integer == 1 ? 0 : 1) : choice(choices, a.integer));
    }
    i = close + 1;
  }
  return out;
}

std::string render(std::span<const Message> sentences, Lang lang) {
  std::string out;
  for (const Message& m : sentences) {
    std::string s = render(m, lang);
    if (s.empty()) continue;
    if (!out.empty() && lang == Lang::en) out += ' ';
    out += s;
  }
  return out;
}

}  // namespace finlab::text
