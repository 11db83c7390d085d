// The scipy answers frozen by make_linkage_expectations.py, read once per test process.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace mop::test {

inline const nlohmann::json& linkage_expectations() {
    static const nlohmann::json json = [] {
        const std::string path = std::string(MOP_SOURCE_DIR) + "/tests/core/analysis/linkage_expectations.json";
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot open " + path);
        return nlohmann::json::parse(in);
    }();
    return json;
}

inline std::vector<std::vector<double>> matrix_from(const nlohmann::json& rows) {
    return rows.get<std::vector<std::vector<double>>>();
}

}  // namespace mop::test
