using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RayGen.Helpers;
using RayGen.Kubernetes;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// The mutable <c>rayStartParams</c> map KubeRay threads through its steps (§1): later steps only fill
    /// keys that are still missing, so the order of calls decides precedence. Values are templates
    /// because the worker <c>address</c> holds deploy-time holes.
    /// </summary>
    internal sealed class RayStartParams
    {
        private readonly Dictionary<string, TextTemplate> _values = new(StringComparer.Ordinal);

        public RayStartParams(IEnumerable<KeyValue>? initial)
        {
            foreach (KeyValue pair in initial ?? Enumerable.Empty<KeyValue>())
            {
                _values[pair.Key] = TextTemplate.Literal(pair.Value);
            }
        }

        public bool Contains(string key) => _values.ContainsKey(key);

        /// <summary>The literal value, or <c>null</c> when missing or templated.</summary>
        public string? Get(string key) =>
            _values.TryGetValue(key, out TextTemplate? value) && !value.HasHoles ? value.Parts[0].Text : null;

        public void Set(string key, string value) => _values[key] = TextTemplate.Literal(value);

        public void Set(string key, TextTemplate value) => _values[key] = value;

        public void SetIfMissing(string key, string value)
        {
            if (!_values.ContainsKey(key))
            {
                Set(key, value);
            }
        }

        public void SetIfMissing(string key, TextTemplate value)
        {
            if (!_values.ContainsKey(key))
            {
                Set(key, value);
            }
        }

        /// <summary>Keys in Go <c>sort.Strings</c> order (UTF-8 bytes).</summary>
        public IEnumerable<KeyValuePair<string, TextTemplate>> Sorted => _values.OrderBy(p => p.Key, GoJson.KeyOrder);

        /// <summary>
        /// §6 <c>convertParamMap</c>: " --k=v " or " --k " (true) or nothing (false), special booleans keep
        /// their value; every flag has one space on each side.
        /// </summary>
        public void RenderFlags(TemplateBuilder output, IReadOnlyList<string> specialBooleans)
        {
            foreach (KeyValuePair<string, TextTemplate> pair in Sorted)
            {
                string? literal = pair.Value.HasHoles ? null : pair.Value.Parts[0].Text;
                string lowered = literal?.ToLowerInvariant() ?? string.Empty;
                bool special = specialBooleans.Contains(pair.Key, StringComparer.Ordinal);
                if (!special && lowered == "true")
                {
                    output.Append(" --").Append(pair.Key).Append(" ");
                }
                else if (!special && lowered == "false")
                {
                    // dropped: a false switch is simply not passed
                }
                else
                {
                    output.Append(" --").Append(pair.Key).Append("=").Append(pair.Value).Append(" ");
                }
            }
        }

        /// <summary>The effective params as plain strings; templated values are rendered with the given defaults or left out.</summary>
        public IEnumerable<KeyValue> Resolve(Func<TextTemplate, string?> render)
        {
            foreach (KeyValuePair<string, TextTemplate> pair in Sorted)
            {
                string? value = pair.Value.HasHoles ? render(pair.Value) : pair.Value.Parts[0].Text;
                if (value is not null)
                {
                    yield return new KeyValue(pair.Key, value);
                }
            }
        }
    }

    /// <summary>Builds a <see cref="TextTemplate"/>, merging adjacent literal text.</summary>
    internal sealed class TemplateBuilder
    {
        private readonly List<TemplatePart> _parts = new();
        private readonly StringBuilder _text = new();

        public TemplateBuilder Append(string text)
        {
            _text.Append(text);
            return this;
        }

        public TemplateBuilder Append(TextTemplate template)
        {
            foreach (TemplatePart part in template.Parts)
            {
                if (part.Kind == TemplatePartKind.Text)
                {
                    _text.Append(part.Text);
                }
                else
                {
                    Hole(part.Kind);
                }
            }

            return this;
        }

        public TemplateBuilder Hole(TemplatePartKind kind)
        {
            Flush();
            _parts.Add(new TemplatePart(kind, string.Empty));
            return this;
        }

        public TextTemplate Build()
        {
            Flush();
            if (_parts.Count == 0)
            {
                _parts.Add(new TemplatePart(TemplatePartKind.Text, string.Empty));
            }

            return new TextTemplate(_parts.ToArray().ToEquatableArrayFast());
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _parts.Add(new TemplatePart(TemplatePartKind.Text, _text.ToString()));
                _text.Clear();
            }
        }
    }
}
