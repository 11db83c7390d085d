#include "ui/gl/shader_program.h"

#include <glad/gl.h>

#include <stdexcept>
#include <string>

namespace mop::ui {

namespace {

std::string shader_log(GLuint shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(length > 0 ? length : 1), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    return log;
}

GLuint compile(GLenum stage, std::string_view source, const char* stage_name) {
    const GLuint shader = glCreateShader(stage);
    const GLchar* text = source.data();
    const auto length = static_cast<GLint>(source.size());
    glShaderSource(shader, 1, &text, &length);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        const std::string log = shader_log(shader);
        glDeleteShader(shader);
        throw std::runtime_error(std::string(stage_name) + " shader does not compile: " + log);
    }
    return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(std::string_view vertex_source, std::string_view fragment_source) {
    if (vertex_source.empty() || fragment_source.empty())
        throw std::runtime_error("shader source is missing from the binary");
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex_source, "vertex");
    GLuint fs = 0;
    try {
        fs = compile(GL_FRAGMENT_SHADER, fragment_source, "fragment");
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    m_program = glCreateProgram();
    glAttachShader(m_program, vs);
    glAttachShader(m_program, fs);
    glLinkProgram(m_program);
    // The program keeps what it needs; the shader objects can go.
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(m_program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint length = 0;
        glGetProgramiv(m_program, GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<std::size_t>(length > 0 ? length : 1), '\0');
        glGetProgramInfoLog(m_program, length, nullptr, log.data());
        glDeleteProgram(m_program);
        throw std::runtime_error("shader program does not link: " + log);
    }
}

ShaderProgram::~ShaderProgram() {
    if (m_program) glDeleteProgram(m_program);
}

int ShaderProgram::uniform(const char* name) const { return glGetUniformLocation(m_program, name); }

}  // namespace mop::ui
