// A linked GLSL program built from source strings (the embedded shaders).
#pragma once

#include <string_view>

namespace mop::ui {

class ShaderProgram {
public:
    // Throws std::runtime_error carrying the driver's compile or link log.
    ShaderProgram(std::string_view vertex_source, std::string_view fragment_source);
    ~ShaderProgram();
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    unsigned id() const { return m_program; }
    int uniform(const char* name) const;

private:
    unsigned m_program = 0;
};

}  // namespace mop::ui
