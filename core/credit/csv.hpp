// CSV text parsing for scorecard data (RFC 4180 plus what real files do):
// quoted fields with commas, doubled quotes and line breaks inside quotes,
// CRLF or LF line ends, a UTF-8 BOM, blank lines skipped. A row with a
// different number of fields than the header is an error with its line number
// (a bad row never silently shifts columns). No file I/O: the caller reads the
// file and passes the text plus a source name used in messages ("data.csv").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace finlab::credit {

// Cells are stored unquoted in one buffer (no string per cell), so a
// million-row file costs about its own size plus 8 bytes per cell.
class CsvTable {
public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::string source;                 // for messages: "data.csv"
  std::vector<std::string> header;    // unnamed columns become "unnamed_<k>" (k = 1-based column)
  std::vector<std::size_t> line;      // 1-based source line where row r starts

  std::size_t rows() const { return line.size(); }
  std::size_t columns() const { return header.size(); }
  std::string_view cell(std::size_t row, std::size_t col) const {
    const Span& s = cells_[row * header.size() + col];
    return std::string_view(storage_).substr(s.offset, s.length);
  }
  std::size_t column_index(std::string_view name) const;  // npos when absent
  // "data.csv:17" for row r.
  std::string where(std::size_t row) const;

  // Building (used by the parser and by tests).
  void add_row(std::size_t source_line, const std::vector<std::string>& cells);

private:
  friend Result<CsvTable> parse_csv(std::string_view, std::string_view);
  struct Span {
    std::uint32_t offset;
    std::uint32_t length;
  };
  std::string storage_;
  std::vector<Span> cells_;
};

Result<CsvTable> parse_csv(std::string_view text, std::string_view source = "data.csv");

// Cell conventions shared by training and scoring:
// missing: "", "NA", "N/A", "NaN", "nan", "NULL", "null", "None", "?" (surrounding spaces ignored).
bool is_missing_cell(std::string_view cell);
// A number: optional sign, digits with optional thousands separators in
// groups of three ("12,345.6"), optional fraction and exponent. Returns false
// (and leaves *out alone) otherwise. Never uses the C locale.
bool parse_number_cell(std::string_view cell, double* out);

// Quotes a field for CSV output when it contains a comma, quote or line break.
// Every CSV writer of finlab goes through csv_quote: a cell that a spreadsheet
// would run as a formula (starting with = + - @, tab or CR; OWASP "CSV
// Injection") gets a leading ' unless it is a plain decimal number such as
// -12.50, then the cell is quoted when it holds , " or a line break.
std::string csv_quote(std::string_view field);
std::string csv_neutralise(std::string_view field);
bool is_plain_number(std::string_view s);

}  // namespace finlab::credit
