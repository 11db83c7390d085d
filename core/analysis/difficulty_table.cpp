#include "core/analysis/difficulty_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "core/analysis/builtin_difficulty_table.h"
#include "core/analysis/correlation.h"

namespace mop {

namespace {

constexpr std::string_view kWrittenHeader = "task,repeats,median_steps,reached_all,difficulty";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = line.find(',', begin);
        fields.push_back(trim(line.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin)));
        if (comma == std::string_view::npos) return fields;
        begin = comma + 1;
    }
}

// Where a problem is, for messages: "difficulty.csv, line 7, column 5 (difficulty)".
class Location {
public:
    explicit Location(std::string_view source) : m_source(source) {}
    [[noreturn]] void fail(int line, const std::string& what) const {
        throw DifficultyTableError(std::string(m_source) + ", line " + std::to_string(line) + ": " + what);
    }
    [[noreturn]] void fail(int line, int column, std::string_view name, const std::string& what) const {
        throw DifficultyTableError(std::string(m_source) + ", line " + std::to_string(line) + ", column " +
                                   std::to_string(column + 1) + " (" + std::string(name) + "): " + what);
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw DifficultyTableError(std::string(m_source) + ": " + what);
    }

private:
    std::string_view m_source;
};

struct Columns {
    int task = -1, repeats = -1, median_steps = -1, reached_all = -1, difficulty = -1;
    std::size_t count = 0;
};

Columns read_header(const std::vector<std::string_view>& fields, int line, const Location& where) {
    Columns c;
    c.count = fields.size();
    std::map<std::string_view, int> seen;
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        const std::string_view name = fields[static_cast<std::size_t>(i)];
        if (!name.empty() && !seen.emplace(name, i).second)
            where.fail(line, "column \"" + std::string(name) + "\" appears twice in the header");
        if (name == "task") c.task = i;
        if (name == "repeats") c.repeats = i;
        if (name == "median_steps") c.median_steps = i;
        if (name == "reached_all") c.reached_all = i;
        if (name == "difficulty") c.difficulty = i;
    }
    for (const auto& [index, name] : {std::pair{c.task, "task"}, std::pair{c.difficulty, "difficulty"}}) {
        if (index < 0)
            where.fail(line, "the header has no column \"" + std::string(name) + "\" (mop difficulty writes " +
                                 std::string(kWrittenHeader) + ")");
    }
    return c;
}

double parse_number(std::string_view field, int line, int column, std::string_view name, const Location& where) {
    double value = 0;
    const char* end = field.data() + field.size();
    const auto [ptr, ec] = std::from_chars(field.data(), end, value);
    if (field.empty() || ec != std::errc() || ptr != end)
        where.fail(line, column, name, "\"" + std::string(field) + "\" is not a number");
    if (!std::isfinite(value)) where.fail(line, column, name, "\"" + std::string(field) + "\" is not finite");
    return value;
}

TaskDifficulty parse_row(const std::vector<std::string_view>& fields, const Columns& c, int line,
                         const Location& where) {
    TaskDifficulty row;
    row.task = std::string(fields[static_cast<std::size_t>(c.task)]);
    if (row.task.empty()) where.fail(line, c.task, "task", "the task name is empty");
    const auto field = [&](int column) { return fields[static_cast<std::size_t>(column)]; };
    row.difficulty = parse_number(field(c.difficulty), line, c.difficulty, "difficulty", where);
    if (c.median_steps >= 0) {
        row.median_steps = parse_number(field(c.median_steps), line, c.median_steps, "median_steps", where);
        if (row.median_steps <= 0) where.fail(line, c.median_steps, "median_steps", "must be above 0");
    } else {
        row.median_steps = std::exp(row.difficulty);
    }
    if (c.repeats >= 0) {
        const double repeats = parse_number(field(c.repeats), line, c.repeats, "repeats", where);
        if (repeats < 1 || repeats != std::floor(repeats) || repeats > 1e9)
            where.fail(line, c.repeats, "repeats", "\"" + std::string(field(c.repeats)) + "\" is not a whole number >= 1");
        row.repeats = static_cast<int>(repeats);
    }
    if (c.reached_all >= 0) {
        const std::string_view flag = field(c.reached_all);
        if (flag == "1" || flag == "true") {
            row.reached_all = true;
        } else if (flag == "0" || flag == "false") {
            row.reached_all = false;
        } else {
            where.fail(line, c.reached_all, "reached_all", "\"" + std::string(flag) + "\" is not 1 or 0");
        }
    }
    return row;
}

}  // namespace

const TaskDifficulty* DifficultyTable::find(std::string_view task) const {
    const auto it = std::find_if(tasks.begin(), tasks.end(), [&](const TaskDifficulty& t) { return t.task == task; });
    return it == tasks.end() ? nullptr : &*it;
}

DifficultyTable parse_difficulty_table(std::string_view text, std::string_view source) {
    const Location where(source);
    DifficultyTable table;
    std::optional<Columns> columns;
    std::map<std::string, int, std::less<>> first_line;  // task -> line, for duplicates
    int line_number = 0;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t newline = text.find('\n', begin);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        const std::string_view line = trim(text.substr(begin, end - begin));
        begin = end + 1;
        ++line_number;
        if (line.empty()) continue;
        if (line.front() == '#') {
            if (!columns) table.comments.emplace_back(trim(line.substr(1)));
            continue;
        }
        const std::vector<std::string_view> fields = split_fields(line);
        if (!columns) {
            columns = read_header(fields, line_number, where);
            continue;
        }
        if (fields.size() != columns->count)
            where.fail(line_number, "has " + std::to_string(fields.size()) + " fields, the header has " +
                                        std::to_string(columns->count));
        TaskDifficulty row = parse_row(fields, *columns, line_number, where);
        const auto [it, fresh] = first_line.emplace(row.task, line_number);
        if (!fresh)
            where.fail(line_number, "task \"" + row.task + "\" appears twice (first on line " +
                                        std::to_string(it->second) + ")");
        table.tasks.push_back(std::move(row));
    }
    if (!columns) where.fail("no header line (mop difficulty writes " + std::string(kWrittenHeader) + ")");
    if (table.tasks.empty()) where.fail("the table has a header but no tasks");
    return table;
}

DifficultyTable read_difficulty_table(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw DifficultyTableError(file.string() + ": cannot be read (no such file, or no permission)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw DifficultyTableError(file.string() + ": reading failed");
    return parse_difficulty_table(text.str(), file.string());
}

DifficultyFit fit_against_difficulty(const DifficultyTable& table, std::span<const std::string> names,
                                     std::span<const double> values) {
    if (names.size() != values.size())
        throw std::invalid_argument("fit_against_difficulty: " + std::to_string(names.size()) + " task names but " +
                                    std::to_string(values.size()) + " values");
    DifficultyFit fit;
    fit.tasks = static_cast<int>(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const TaskDifficulty* entry = table.find(names[i]);
        if (!entry) {
            fit.missing.push_back(names[i]);
            continue;
        }
        ++fit.with_difficulty;
        if (std::isfinite(values[i])) fit.points.push_back({names[i], entry->difficulty, values[i]});
    }

    std::vector<double> x, y;
    for (const DifficultyPoint& p : fit.points) {
        x.push_back(p.difficulty);
        y.push_back(p.value);
    }
    const auto varies = [](const std::vector<double>& v) {
        return std::any_of(v.begin(), v.end(), [&](double a) { return a != v.front(); });
    };
    if (x.size() < 2 || !varies(x)) return fit;  // no line and no r without spread in difficulty
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
    }
    fit.slope = sxy / sxx;
    fit.intercept = my - *fit.slope * mx;
    if (varies(y)) fit.r = pearson_correlation(x, y);
    return fit;
}

DifficultyTable load_difficulty_table(const std::filesystem::path& file) {
    if (file.empty()) return parse_difficulty_table(builtin_difficulty_table_text(), "built-in table");
    return read_difficulty_table(file);
}

}  // namespace mop
