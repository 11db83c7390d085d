#version 330 core
// Colours one heatmap cell per fragment: the target is exactly steps x channels pixels, so the
// fragment's integer position is the cell (x = step, y = channel).
uniform sampler2D u_values;    // R32F, width = channels, height = steps (the data's own layout)
uniform sampler2D u_colormap;  // 256 x 1 RGB lookup table (viridis)
uniform float u_vmin;
uniform float u_vmax;

out vec4 frag_colour;

void main() {
    ivec2 cell = ivec2(gl_FragCoord.xy);
    float value = texelFetch(u_values, cell.yx, 0).r;
    if (isnan(value)) {
        frag_colour = vec4(0.35, 0.35, 0.35, 1.0);
        return;
    }
    float t = clamp((value - u_vmin) / max(u_vmax - u_vmin, 1e-6), 0.0, 1.0);
    // Map t onto texel centres so t = 0 and t = 1 return the first and last entries exactly.
    float u = (0.5 + t * 255.0) / 256.0;
    frag_colour = vec4(texture(u_colormap, vec2(u, 0.5)).rgb, 1.0);
}
