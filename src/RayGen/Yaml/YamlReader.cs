using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RayGen.Yaml
{
    /// <summary>
    /// Reads a YAML stream into <see cref="YamlNode"/> trees. The tree is built from YamlDotNet's event
    /// parser with an explicit stack: the recursive YamlStream.Load overflows the stack on deep input, and
    /// a stack overflow kills the compiler. Never throws for any text (except on cancellation).
    /// Reading stops at the first syntax error, unresolvable alias or budget problem; documents completed
    /// before it are kept. Duplicate keys and invalid merge values are reported without stopping.
    /// </summary>
    internal static class YamlReader
    {
        public static YamlReadResult Read(string text, YamlBudgets? budgets = null, CancellationToken cancellationToken = default)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            budgets ??= YamlBudgets.Default;
            cancellationToken.ThrowIfCancellationRequested();
            if (budgets.SizeProblem(text.Length) is { } problem)
            {
                return new YamlReadResult(Array.Empty<YamlDocument>(), new[] { problem });
            }

            var session = new Session(text, budgets, cancellationToken);
            session.Run();
            return new YamlReadResult(session.Documents.ToArray(), session.Problems.ToArray());
        }

        private sealed class Session
        {
            private const int CancellationCheckInterval = 256;
            private const int MaxKeyInMessage = 80;

            private readonly string _text;
            private readonly YamlBudgets _budgets;
            private readonly CancellationToken _cancellationToken;
            private readonly LineMap _lines;
            private readonly List<Frame> _stack = new();
            private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

            // YamlDotNet does not skip a byte order mark, so it is skipped here and marks are shifted.
            private int _baseOffset;
            private int _lastEventEnd;

            private int _documentIndex;
            private int _documentStart;
            private YamlNode? _root;
            private int _nodeCount;
            private long _aliasExpansion;
            private long _aliasChars;

            public Session(string text, YamlBudgets budgets, CancellationToken cancellationToken)
            {
                _text = text;
                _budgets = budgets;
                _cancellationToken = cancellationToken;
                _lines = LineMap.Create(text);
            }

            public List<YamlDocument> Documents { get; } = new();

            public List<YamlProblem> Problems { get; } = new();

            public void Run()
            {
                var reader = new StringReader(_text);
                if (_text.Length > 0 && _text[0] == '\uFEFF')
                {
                    reader.Read();
                    _baseOffset = 1;
                }

                var parser = new Parser(reader);
                for (int events = 1; ; events++)
                {
                    if (events % CancellationCheckInterval == 0)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                    }

                    ParsingEvent? current = Next(parser);
                    if (current is null || !Handle(current))
                    {
                        return;
                    }

                    _lastEventEnd = Offset(current.End);
                }
            }

            /// <summary>The next event, or null at the end or after reporting a parser failure.</summary>
            private ParsingEvent? Next(IParser parser)
            {
                try
                {
                    return parser.MoveNext() ? parser.Current : null;
                }
                catch (YamlException ex)
                {
                    Report(YamlProblemKind.Syntax, ex.Message, Offset(ex.Start), Offset(ex.End));
                    return null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // YamlDotNet has bugs that surface as other exceptions (an unclosed flow sequence
                    // throws InvalidOperationException); they still mean the text is not valid YAML.
                    Report(YamlProblemKind.Syntax, $"Invalid YAML: the parser failed after this point ({ex.Message})", _lastEventEnd, _lastEventEnd);
                    return null;
                }
            }

            /// <summary>Builds the tree from one event; false when reading must stop.</summary>
            private bool Handle(ParsingEvent e)
            {
                switch (e)
                {
                    case DocumentStart start:
                        BeginDocument(start);
                        return true;
                    case DocumentEnd end:
                        EndDocument(end);
                        return true;
                    case Scalar scalar:
                        return OnScalar(scalar);
                    case MappingStart mapping:
                        return OnCollectionStart(YamlNodeKind.Mapping, mapping, mapping.Anchor, mapping.Tag, mapping.Style == MappingStyle.Flow);
                    case SequenceStart sequence:
                        return OnCollectionStart(YamlNodeKind.Sequence, sequence, sequence.Anchor, sequence.Tag, sequence.Style == SequenceStyle.Flow);
                    case MappingEnd or SequenceEnd:
                        OnCollectionEnd(e);
                        return true;
                    case AnchorAlias alias:
                        return OnAlias(alias);
                    default:
                        return true;
                }
            }

            private void BeginDocument(DocumentStart e)
            {
                _documentStart = Offset(e.Start);
                _stack.Clear();
                _anchors.Clear();
                _root = null;
                _nodeCount = 0;
                _aliasExpansion = 0;
                _aliasChars = 0;
            }

            private void EndDocument(DocumentEnd e)
            {
                int end = Offset(e.End);
                if (!e.IsImplicit && string.CompareOrdinal(_text, end, "...", 0, 3) == 0)
                {
                    // YamlDotNet gives an explicit "..." an empty span.
                    end += 3;
                }

                Documents.Add(new YamlDocument(_documentIndex++, _root, _lines.Span(_documentStart, end)));
            }

            private bool OnScalar(Scalar e)
            {
                int start = Offset(e.Start);
                int end = Offset(e.End);
                string? tag = e.Tag.IsEmpty ? null : e.Tag.Value;
                string? anchor = e.Anchor.IsEmpty ? null : e.Anchor.Value;

                // The parser reports an empty document as an empty plain scalar.
                if (_stack.Count == 0 && e.Value.Length == 0 && e.Style is ScalarStyle.Plain or ScalarStyle.Any && tag is null && anchor is null)
                {
                    return true;
                }

                if (!CountNode(start, end) || !CheckDepth(_stack.Count + 1, start, end))
                {
                    return false;
                }

                YamlScalarStyle style = e.Style switch
                {
                    ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
                    ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
                    ScalarStyle.Literal => YamlScalarStyle.Literal,
                    ScalarStyle.Folded => YamlScalarStyle.Folded,
                    _ => YamlScalarStyle.Plain,
                };
                end = style switch
                {
                    YamlScalarStyle.Literal or YamlScalarStyle.Folded => TrimBlankLines(start, end),
                    YamlScalarStyle.Plain => TrimWhitespace(start, end),
                    _ => end,
                };

                YamlNode node = YamlNode.CreateScalar(_lines.Span(start, end), tag, anchor, e.Value, style, Yaml11.Resolve(e.Value, style, tag));
                Attach(node, start, end);
                return true;
            }

            private bool OnCollectionStart(YamlNodeKind kind, ParsingEvent e, AnchorName anchor, TagName tag, bool flow)
            {
                int start = Offset(e.Start);
                int headerEnd = Math.Max(start, Offset(e.End));
                if (!CountNode(start, headerEnd) || !CheckDepth(_stack.Count + 1, start, headerEnd))
                {
                    return false;
                }

                _stack.Add(new Frame(kind, start, headerEnd, flow, tag.IsEmpty ? null : tag.Value, anchor.IsEmpty ? null : anchor.Value));
                return true;
            }

            private void OnCollectionEnd(ParsingEvent e)
            {
                Frame frame = _stack[_stack.Count - 1];
                _stack.RemoveAt(_stack.Count - 1);

                // Block collections end with their last child (YamlDotNet puts the end after trailing
                // comments); flow ones with the closing bracket, which YamlDotNet marks with an empty span.
                int end = frame.HeaderEnd;
                foreach (Child child in frame.Children)
                {
                    end = Math.Max(end, child.End);
                }

                int close = Offset(e.Start);
                if (frame.Flow && close < _text.Length && _text[close] == (frame.Kind == YamlNodeKind.Mapping ? '}' : ']'))
                {
                    end = Math.Max(end, close + 1);
                }

                SourceSpan span = _lines.Span(frame.Start, end);
                YamlNode node = frame.Kind == YamlNodeKind.Mapping
                    ? YamlNode.CreateMapping(span, frame.Tag, frame.Anchor, BuildEntries(frame.Children))
                    : YamlNode.CreateSequence(span, frame.Tag, frame.Anchor, ItemsOf(frame.Children));
                Attach(node, frame.Start, end);
            }

            private bool OnAlias(AnchorAlias e)
            {
                int start = Offset(e.Start);
                int end = Offset(e.End);
                string name = e.Value.Value;
                if (!_anchors.TryGetValue(name, out YamlNode? target))
                {
                    string message = _stack.Exists(f => f.Anchor == name)
                        ? $"The alias '*{name}' refers to a node that contains it."
                        : $"The alias '*{name}' refers to an anchor that is not defined before it in this document.";
                    Report(YamlProblemKind.Syntax, message, start, end);
                    return false;
                }

                // An alias places the whole anchored subtree here, so depth and size count through it.
                if (!CheckDepth(_stack.Count + target.Height, start, end))
                {
                    return false;
                }

                _aliasExpansion += target.SubtreeNodeCount;
                if (_aliasExpansion > _budgets.MaxAliasExpansion)
                {
                    Report(YamlProblemKind.Budget, $"Aliases in this document expand to more than {_budgets.MaxAliasExpansion} nodes; the document was not read.", start, end);
                    return false;
                }

                _aliasChars += target.SubtreeChars;
                if (_aliasChars > _budgets.MaxAliasChars)
                {
                    Report(YamlProblemKind.Budget, $"Aliases in this document expand to more than {_budgets.MaxAliasChars} characters of text; the document was not read.", start, end);
                    return false;
                }

                Attach(target, start, end, defineAnchor: false);
                return true;
            }

            private void Attach(YamlNode node, int start, int end, bool defineAnchor = true)
            {
                if (defineAnchor && node.Anchor is not null)
                {
                    // Registered only once complete, so an alias inside its own anchor is an error, not a cycle.
                    _anchors[node.Anchor] = node;
                }

                if (_stack.Count == 0)
                {
                    _root = node;
                }
                else
                {
                    _stack[_stack.Count - 1].Children.Add(new Child(node, start, end));
                }
            }

            /// <summary>
            /// Mapping entries with merge keys applied (YAML merge spec): merged entries take the place of
            /// the <c>&lt;&lt;</c> entry, explicit keys win over merged ones, and earlier merge sources win
            /// over later ones. Also reports duplicate explicit keys.
            /// </summary>
            private YamlEntry[] BuildEntries(List<Child> children)
            {
                int pairs = children.Count / 2;
                var entries = new YamlEntry[pairs];
                bool hasMerge = false;
                for (int i = 0; i < pairs; i++)
                {
                    entries[i] = new YamlEntry(children[2 * i].Node, children[(2 * i) + 1].Node);
                    hasMerge |= IsMergeKey(entries[i].Key);
                }

                HashSet<string> explicitKeys = ReportDuplicateKeys(children, pairs);
                if (!hasMerge)
                {
                    return entries;
                }

                var merged = new List<YamlEntry>(pairs);
                var mergedKeys = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < pairs; i++)
                {
                    if (!IsMergeKey(entries[i].Key) || !TryMerge(children[(2 * i) + 1], explicitKeys, mergedKeys, merged))
                    {
                        merged.Add(entries[i]);
                    }
                }

                return merged.ToArray();
            }

            /// <summary>Reports repeated scalar keys (merge keys aside) and returns the set of explicit keys.</summary>
            private HashSet<string> ReportDuplicateKeys(List<Child> children, int pairs)
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < pairs; i++)
                {
                    Child key = children[2 * i];
                    if (key.Node.Kind == YamlNodeKind.Scalar && !IsMergeKey(key.Node) && !keys.Add(key.Node.Value))
                    {
                        Report(YamlProblemKind.DuplicateKey, $"The mapping key '{Shorten(key.Node.Value)}' is repeated; Kubernetes rejects duplicate keys.", key.Start, key.End);
                    }
                }

                return keys;
            }

            private bool TryMerge(Child value, HashSet<string> explicitKeys, HashSet<string> mergedKeys, List<YamlEntry> entries)
            {
                YamlNode node = value.Node;
                IReadOnlyList<YamlNode> sources = node.Kind == YamlNodeKind.Mapping ? new[] { node } : node.Items;
                bool valid = node.Kind != YamlNodeKind.Scalar;
                foreach (YamlNode source in sources)
                {
                    valid &= source.Kind == YamlNodeKind.Mapping;
                }

                if (!valid)
                {
                    Report(YamlProblemKind.Syntax, "A merge key '<<' needs a mapping, an alias of one, or a sequence of them.", value.Start, value.End);
                    return false;
                }

                var added = new List<string>();
                foreach (YamlNode source in sources)
                {
                    foreach (YamlEntry entry in source.Entries)
                    {
                        if (entry.Key.Kind == YamlNodeKind.Scalar)
                        {
                            string key = entry.Key.Value;
                            if (explicitKeys.Contains(key) || mergedKeys.Contains(key))
                            {
                                continue;
                            }

                            added.Add(key);
                        }

                        entries.Add(entry);
                    }

                    mergedKeys.UnionWith(added);
                    added.Clear();
                }

                return true;
            }

            // As go-yaml: a plain untagged "<<", or one tagged !!merge.
            private static bool IsMergeKey(YamlNode key) =>
                key.Kind == YamlNodeKind.Scalar
                && key.Value == "<<"
                && (key.Tag is null ? key.Style == YamlScalarStyle.Plain : key.Tag is "tag:yaml.org,2002:merge" or "!!merge");

            private bool CountNode(int start, int end)
            {
                if (++_nodeCount <= _budgets.MaxNodes)
                {
                    return true;
                }

                Report(YamlProblemKind.Budget, $"This document has more than {_budgets.MaxNodes} nodes; it was not read.", start, end);
                return false;
            }

            private bool CheckDepth(int depth, int start, int end)
            {
                if (depth <= _budgets.MaxDepth)
                {
                    return true;
                }

                Report(YamlProblemKind.Budget, $"YAML nesting is deeper than the limit of {_budgets.MaxDepth} levels; the document was not read.", start, end);
                return false;
            }

            private void Report(YamlProblemKind kind, string message, int start, int end) =>
                Problems.Add(new YamlProblem(kind, message, _lines.Span(start, Math.Max(start, end))));

            private int Offset(Mark mark)
            {
                long offset = mark.Index + _baseOffset;
                return offset < 0 ? 0 : offset > _text.Length ? _text.Length : (int)offset;
            }

            // YamlDotNet ends a tagged empty plain scalar at the start of the next line.
            private int TrimWhitespace(int start, int end)
            {
                while (end > start && _text[end - 1] is ' ' or '\t' or '\r' or '\n')
                {
                    end--;
                }

                return end;
            }

            // YamlDotNet ends a block scalar after its trailing blank lines; stop at the last content line
            // instead, keeping that line's trailing spaces (they can be part of the value).
            private int TrimBlankLines(int start, int end)
            {
                while (end > start)
                {
                    if (_text[end - 1] is '\r' or '\n')
                    {
                        end--;
                        continue;
                    }

                    int lineStart = end;
                    while (lineStart > start && _text[lineStart - 1] is ' ' or '\t')
                    {
                        lineStart--;
                    }

                    if (lineStart == start || _text[lineStart - 1] is not ('\r' or '\n'))
                    {
                        break;
                    }

                    end = lineStart;
                }

                return end;
            }

            private static YamlNode[] ItemsOf(List<Child> children)
            {
                var items = new YamlNode[children.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = children[i].Node;
                }

                return items;
            }

            private static string Shorten(string value) =>
                value.Length <= MaxKeyInMessage ? value : value.Substring(0, MaxKeyInMessage) + "…";

            private readonly struct Child
            {
                public Child(YamlNode node, int start, int end)
                {
                    Node = node;
                    Start = start;
                    End = end;
                }

                public YamlNode Node { get; }

                /// <summary>Where this use of the node is: for an alias, the alias itself.</summary>
                public int Start { get; }

                public int End { get; }
            }

            private sealed class Frame
            {
                public Frame(YamlNodeKind kind, int start, int headerEnd, bool flow, string? tag, string? anchor)
                {
                    Kind = kind;
                    Start = start;
                    HeaderEnd = headerEnd;
                    Flow = flow;
                    Tag = tag;
                    Anchor = anchor;
                }

                public YamlNodeKind Kind { get; }

                public int Start { get; }

                public int HeaderEnd { get; }

                public bool Flow { get; }

                public string? Tag { get; }

                public string? Anchor { get; }

                public List<Child> Children { get; } = new();
            }
        }
    }
}
