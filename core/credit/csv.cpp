#include "core/credit/csv.hpp"

#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "core/error.hpp"
#include "core/excerpt.hpp"

namespace finlab::credit {

std::size_t CsvTable::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return npos;
}

std::string CsvTable::where(std::size_t row) const {
  return source + ":" + std::to_string(row < line.size() ? line[row] : 0);
}

void CsvTable::add_row(std::size_t source_line, const std::vector<std::string>& cells) {
  FINLAB_REQUIRE(cells.size() == header.size(), "CsvTable::add_row: " << cells.size() << " cells for " << header.size()
                                                                       << " columns");
  for (const auto& c : cells) {
    FINLAB_REQUIRE(storage_.size() + c.size() < 0xFFFFFFFFu, "CsvTable: more than 4 GB of cell text");
    cells_.push_back({static_cast<std::uint32_t>(storage_.size()), static_cast<std::uint32_t>(c.size())});
    storage_ += c;
  }
  line.push_back(source_line);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

// More columns than any real data set here (the built-in schema has ~40) [D].
constexpr std::size_t kMaxCsvColumns = 10'000;

Result<CsvTable> parse_csv(std::string_view text, std::string_view source) {
  CsvTable t;
  t.source = std::string(source);
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  const std::string src(source);
  std::size_t pos = 0, line = 1, line_begin = 0;  // line_begin: offset where `line` starts
  bool have_header = false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> fields;  // of the current row, into storage_
  std::string& store = t.storage_;
  const std::size_t n = text.size();

  while (pos < n) {
    // One record.
    const std::size_t row_line = line;
    fields.clear();
    const std::size_t row_store_start = store.size();
    // A blank line (only a line break) is skipped.
    if (text[pos] == '\n' || text[pos] == '\r') {
      if (text[pos] == '\r' && pos + 1 < n && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      line_begin = pos;
      continue;
    }
    bool end_of_record = false;
    while (!end_of_record) {
      const std::size_t field_start = store.size();
      const std::size_t field_col = pos - line_begin + 1;  // 1-based column of the field start
      if (pos < n && text[pos] == '"') {
        // Quoted field.
        const std::size_t quote_line = line;
        ++pos;
        bool closed = false;
        while (pos < n) {
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < n && text[pos + 1] == '"') {
              store += '"';
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            line_begin = pos + 1;
          }
          if (c == '\r' && pos + 1 < n && text[pos + 1] == '\n') {  // CRLF inside quotes -> LF
            ++pos;
            continue;
          }
          store += c;
          ++pos;
        }
        if (!closed)
          return fail(src + ":" + std::to_string(quote_line) + ":" + std::to_string(field_col) +
                      ": unterminated quoted field (a '\"' opens it and the file ends before it is closed)");
        // Spaces after the closing quote are tolerated; anything else is an error.
        while (pos < n && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
        if (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          return fail(src + ":" + std::to_string(line) + ":" + std::to_string(pos - line_begin + 1) +
                      ": unexpected character '" + excerpt(text.substr(pos, 1)) +
                      "' after a closing quote (expected ',' or the end of the line)");
        }
      } else {
        while (pos < n && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') store += text[pos++];
      }
      fields.emplace_back(static_cast<std::uint32_t>(field_start), static_cast<std::uint32_t>(store.size() - field_start));
      if (store.size() >= 0xFFFFFFFFu) return fail(src + ": file too large (more than 4 GB of cell text)");
      if (pos < n && text[pos] == ',') {
        ++pos;
        continue;  // next field (a trailing comma gives one more empty field)
      }
      // End of line or of file.
      if (pos < n && text[pos] == '\r') ++pos;
      if (pos < n && text[pos] == '\n') ++pos;
      ++line;
      line_begin = pos;
      end_of_record = true;
    }
    if (!have_header) {
      have_header = true;
      if (fields.size() > kMaxCsvColumns)
        return fail(src + ":" + std::to_string(row_line) + ": " + std::to_string(fields.size()) + " columns; the limit is " +
                    std::to_string(kMaxCsvColumns) + " (docs/limits.md)");
      std::unordered_set<std::string> seen;  // O(n) duplicate check (was O(n^2): 100k columns took 13 s)
      seen.reserve(fields.size());
      for (std::size_t k = 0; k < fields.size(); ++k) {
        std::string name(trim(std::string_view(store).substr(fields[k].first, fields[k].second)));
        if (name.empty()) name = "unnamed_" + std::to_string(k + 1);
        if (!seen.insert(name).second)
          return fail(src + ":" + std::to_string(row_line) + ": duplicate column name '" + excerpt(name) + "'");
        t.header.push_back(std::move(name));
      }
      store.resize(row_store_start);
      continue;
    }
    if (fields.size() != t.header.size()) {
      // A row that is a single empty field (e.g. spaces only) counts as blank.
      if (fields.size() == 1 && trim(std::string_view(store).substr(fields[0].first, fields[0].second)).empty()) {
        store.resize(row_store_start);
        continue;
      }
      return fail(src + ":" + std::to_string(row_line) + ": expected " + std::to_string(t.header.size()) +
                  " fields (as in the header), found " + std::to_string(fields.size()) +
                  (fields.size() > t.header.size() ? " (an unquoted comma inside a value?)" : ""));
    }
    for (const auto& f : fields) t.cells_.push_back({f.first, f.second});
    t.line.push_back(row_line);
  }
  if (!have_header) return fail(src + ": empty file (no header row)");
  return t;
}

bool is_missing_cell(std::string_view cell) {
  cell = trim(cell);
  return cell.empty() || cell == "NA" || cell == "N/A" || cell == "n/a" || cell == "NaN" || cell == "nan" ||
         cell == "NULL" || cell == "null" || cell == "None" || cell == "?" || cell == "#N/A" || cell == "na";
}

bool parse_number_cell(std::string_view cell, double* out) {
  cell = trim(cell);
  if (cell.empty() || cell.size() > 64) return false;
  char buf[80];
  std::size_t k = 0, i = 0;
  if (cell[i] == '+' || cell[i] == '-') buf[k++] = cell[i++];
  // Integer part, optionally grouped by thousands separators.
  const std::size_t int_start = i;
  std::size_t digits = 0, group = 0;
  bool grouped = false;
  for (; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c >= '0' && c <= '9') {
      buf[k++] = c;
      ++digits;
      ++group;
    } else if (c == ',') {
      if (digits == 0 || (grouped && group != 3) || (!grouped && group > 3)) return false;
      grouped = true;
      group = 0;
    } else {
      break;
    }
  }
  if (grouped && group != 3) return false;
  bool any_digit = i > int_start && digits > 0;
  if (i < cell.size() && cell[i] == '.') {
    buf[k++] = cell[i++];
    for (; i < cell.size() && cell[i] >= '0' && cell[i] <= '9'; ++i) {
      buf[k++] = cell[i];
      any_digit = true;
    }
  }
  if (!any_digit) return false;
  if (i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
    buf[k++] = cell[i++];
    if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) buf[k++] = cell[i++];
    bool exp_digit = false;
    for (; i < cell.size() && cell[i] >= '0' && cell[i] <= '9'; ++i) {
      buf[k++] = cell[i];
      exp_digit = true;
    }
    if (!exp_digit) return false;
  }
  if (i != cell.size()) return false;
  buf[k] = '\0';
  // strtod in the "C" locale (finlab never calls setlocale): correctly rounded
  // in glibc and in Emscripten's musl.
  char* end = nullptr;
  const double v = std::strtod(buf, &end);
  if (end != buf + k) return false;
  *out = v;
  return true;
}

bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t digits_from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits_from) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t frac_from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac_from) return false;
  }
  return i == s.size();
}

std::string csv_neutralise(std::string_view field) {
  if (field.empty()) return {};
  const char c = field[0];
  const bool formula_lead = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  if (!formula_lead || is_plain_number(field)) return std::string(field);
  return "'" + std::string(field);
}

std::string csv_quote(std::string_view raw) {
  const std::string field = csv_neutralise(raw);
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace finlab::credit
