#include "ui/gl/heatmap_renderer.h"

#include <glad/gl.h>

#include <cstdint>
#include <stdexcept>

#include "figures/style/colormap.h"
#include "ui/gl/embedded_shaders.h"

namespace mop::ui {

namespace {

constexpr int kColormapSize = 256;

GLuint make_texture(GLint filter) {
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return texture;
}

// Restores the bindings and switches a render pass touches, so ImGui's frame is undisturbed.
class GlStateGuard {
public:
    GlStateGuard() {
        glGetIntegerv(GL_FRAMEBUFFER_BINDING, &m_framebuffer);
        glGetIntegerv(GL_VIEWPORT, m_viewport);
        glGetIntegerv(GL_CURRENT_PROGRAM, &m_program);
        glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &m_vao);
        glGetIntegerv(GL_ACTIVE_TEXTURE, &m_active_texture);
        glActiveTexture(GL_TEXTURE0);
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_texture0);
        glActiveTexture(GL_TEXTURE1);
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_texture1);
        m_blend = glIsEnabled(GL_BLEND);
        m_scissor = glIsEnabled(GL_SCISSOR_TEST);
        m_depth = glIsEnabled(GL_DEPTH_TEST);
    }
    ~GlStateGuard() {
        glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(m_framebuffer));
        glViewport(m_viewport[0], m_viewport[1], m_viewport[2], m_viewport[3]);
        glUseProgram(static_cast<GLuint>(m_program));
        glBindVertexArray(static_cast<GLuint>(m_vao));
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_texture1));
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_texture0));
        glActiveTexture(static_cast<GLenum>(m_active_texture));
        set(GL_BLEND, m_blend);
        set(GL_SCISSOR_TEST, m_scissor);
        set(GL_DEPTH_TEST, m_depth);
    }
    GlStateGuard(const GlStateGuard&) = delete;
    GlStateGuard& operator=(const GlStateGuard&) = delete;

private:
    static void set(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }

    GLint m_framebuffer = 0, m_viewport[4] = {}, m_program = 0, m_vao = 0;
    GLint m_active_texture = 0, m_texture0 = 0, m_texture1 = 0;
    GLboolean m_blend = GL_FALSE, m_scissor = GL_FALSE, m_depth = GL_FALSE;
};

}  // namespace

HeatmapRenderer::HeatmapRenderer()
    : m_program(std::make_unique<ShaderProgram>(embedded_shader("heatmap.vert"), embedded_shader("heatmap.frag"))) {
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);

    // The core profile needs a bound VAO even for a draw without vertex attributes.
    glGenVertexArrays(1, &m_vao);

    m_colormap = make_texture(GL_LINEAR);
    const std::vector<std::uint8_t> table = colormap_table(viridis_anchors(), kColormapSize);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, kColormapSize, 1, 0, GL_RGB, GL_UNSIGNED_BYTE, table.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);

    m_values = make_texture(GL_NEAREST);
    m_image = make_texture(GL_NEAREST);
    glGenFramebuffers(1, &m_framebuffer);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
}

HeatmapRenderer::~HeatmapRenderer() {
    glDeleteFramebuffers(1, &m_framebuffer);
    const GLuint textures[] = {m_values, m_colormap, m_image};
    glDeleteTextures(3, textures);
    glDeleteVertexArrays(1, &m_vao);
}

void HeatmapRenderer::resize(int steps, int channels) {
    if (steps == m_steps && channels == m_channels) return;
    glBindTexture(GL_TEXTURE_2D, m_image);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, steps, channels, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_image, 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("heatmap framebuffer is incomplete");
    m_steps = steps;
    m_channels = channels;
}

void HeatmapRenderer::render(const float* values, int steps, int channels, float vmin, float vmax) {
    if (steps <= 0 || channels <= 0) return;
    GlStateGuard guard;
    resize(steps, channels);

    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_values);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, channels, steps, 0, GL_RED, GL_FLOAT, values);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, m_colormap);

    glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer);
    glViewport(0, 0, steps, channels);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glUseProgram(m_program->id());
    glUniform1i(m_program->uniform("u_values"), 0);
    glUniform1i(m_program->uniform("u_colormap"), 1);
    glUniform1f(m_program->uniform("u_vmin"), vmin);
    glUniform1f(m_program->uniform("u_vmax"), vmax);
    glBindVertexArray(m_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

ImTextureID HeatmapRenderer::texture() const {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(m_image));
}

}  // namespace mop::ui
