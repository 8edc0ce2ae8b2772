using System;
using System.Linq;
using System.Threading;
using RayGen.Yaml;
using Xunit;
using static RayGen.Tests.Yaml.YamlTestHelpers;

namespace RayGen.Tests.Yaml
{
    public class YamlReaderTests
    {
        private const string Sample =
            "a: 1\n" +               // line 0
            "b: 'x'\n" +             // 1
            "c: |\n" +               // 2
            "  lit\n" +              // 3
            "  two\n" +              // 4
            "\n" +                   // 5
            "d: [1, {e: f}]\n" +     // 6
            "g:\n" +                 // 7
            "- h\n" +                // 8
            "- &an !!str 5\n" +      // 9
            "# comment\n" +          // 10
            "\n";

        [Fact]
        public void Scalar_spans_are_exact_and_include_quotes_and_indicators()
        {
            YamlNode root = Root(Sample);

            YamlNode a = root.At("a");
            AssertPosition(a.Span, 0, 3, 0, 4);
            Assert.Equal((3, 4, 1), (a.Span.Start, a.Span.End, a.Span.Length));

            YamlNode b = root.At("b");
            AssertPosition(b.Span, 1, 3, 1, 6);
            Assert.Equal("x", b.Value);
            Assert.Equal(YamlScalarStyle.SingleQuoted, b.Style);

            YamlNode c = root.At("c");
            AssertPosition(c.Span, 2, 3, 4, 5);
            Assert.Equal("|\n  lit\n  two", Sample.Substring(c.Span.Start, c.Span.Length));

            YamlNode tagged = root.At("g", 1);
            AssertPosition(tagged.Span, 9, 2, 9, 13);
            Assert.Equal("an", tagged.Anchor);
            Assert.Equal("tag:yaml.org,2002:str", tagged.Tag);
            Assert.Equal(YamlScalarType.String, tagged.ScalarType);
        }

        [Fact]
        public void Key_spans_are_exact()
        {
            YamlNode root = Root(Sample);
            YamlEntry entry = root.GetEntry("d")!;
            AssertPosition(entry.Key.Span, 6, 0, 6, 1);
            Assert.Equal(YamlNodeKind.Scalar, entry.Key.Kind);
        }

        [Fact]
        public void Collection_spans_end_at_their_content()
        {
            YamlNode root = Root(Sample);

            // Block collections end with the last child, not after trailing comments and blank lines.
            AssertPosition(root.Span, 0, 0, 9, 13);
            AssertPosition(root.At("g").Span, 8, 0, 9, 13);

            // Flow collections include their brackets.
            AssertPosition(root.At("d").Span, 6, 3, 6, 14);
            AssertPosition(root.At("d", 1).Span, 6, 7, 6, 13);
            Assert.Equal("{e: f}", Sample.Substring(root.At("d", 1).Span.Start, root.At("d", 1).Span.Length));
        }

        [Fact]
        public void Nested_block_mapping_span()
        {
            const string text = "spec:\n  containers:\n  - name: ray\n    args: [\"x\"]\n  # trailing\nnext: 1\n";
            YamlNode root = Root(text);
            AssertPosition(root.At("spec").Span, 1, 2, 3, 15);
            AssertPosition(root.At("spec", "containers").Span, 2, 2, 3, 15);
            AssertPosition(root.At("spec", "containers", 0, "args", 0).Span, 3, 11, 3, 14);
        }

        [Fact]
        public void Null_value_has_an_empty_span_after_the_colon()
        {
            YamlNode value = Root("key:\nb: 1\n").At("key");
            Assert.True(value.IsNull);
            Assert.Equal("", value.Value);
            Assert.Equal((4, 4), (value.Span.Start, value.Span.End));
        }

        [Fact]
        public void Crlf_bom_and_surrogates_use_utf16_offsets()
        {
            const string text = "\uFEFFa: 1\r\nb: \U0001F600x\r\nc: 2\r\n";
            YamlNode root = Root(text);
            YamlEntry a = root.Entries[0];
            Assert.Equal("a", a.Key.Value);
            AssertPosition(a.Key.Span, 0, 1, 0, 2);

            YamlNode b = root.At("b");
            Assert.Equal("\U0001F600x", b.Value);
            Assert.Equal((10, 13), (b.Span.Start, b.Span.End));
            AssertPosition(b.Span, 1, 3, 1, 6);
            AssertPosition(root.At("c").Span, 2, 3, 2, 4);
        }

        [Fact]
        public void Quoted_scalars_are_strings_and_plain_ones_resolve()
        {
            YamlNode root = Root("p: 123\nq: \"123\"\ns: '123'\nt: yes\nu: \"yes\"\nv: \"a\\tb\\u0041\"\nw: 'it''s'\n");
            Assert.Equal(YamlScalarType.Int, root.At("p").ScalarType);
            Assert.Equal(YamlScalarType.String, root.At("q").ScalarType);
            Assert.Equal(YamlScalarStyle.DoubleQuoted, root.At("q").Style);
            Assert.Equal(YamlScalarType.String, root.At("s").ScalarType);
            Assert.Equal(YamlScalarType.Bool, root.At("t").ScalarType);
            Assert.Equal(YamlScalarType.String, root.At("u").ScalarType);
            Assert.Equal("a\tbA", root.At("v").Value);
            Assert.Equal("it's", root.At("w").Value);
            Assert.Equal(YamlScalarStyle.Plain, root.At("p").Style);
        }

        [Theory]
        [InlineData("!!int \"12\"", nameof(YamlScalarType.Int))]
        [InlineData("!!int 0x1f", nameof(YamlScalarType.Int))]
        [InlineData("!!int abc", nameof(YamlScalarType.String))]
        [InlineData("!!str 12", nameof(YamlScalarType.String))]
        [InlineData("!!str", nameof(YamlScalarType.String))]
        [InlineData("! 12", nameof(YamlScalarType.String))]
        [InlineData("!custom 12", nameof(YamlScalarType.String))]
        [InlineData("!!float 1", nameof(YamlScalarType.Float))]
        [InlineData("!!float '1.5'", nameof(YamlScalarType.Float))]
        [InlineData("!!bool yes", nameof(YamlScalarType.Bool))]
        [InlineData("!!bool 1", nameof(YamlScalarType.String))]
        [InlineData("!!null", nameof(YamlScalarType.Null))]
        [InlineData("!!null ~", nameof(YamlScalarType.Null))]
        [InlineData("!<tag:yaml.org,2002:int> 5", nameof(YamlScalarType.Int))]
        [InlineData("!!binary aGk=", nameof(YamlScalarType.String))]
        [InlineData("|\n  12", nameof(YamlScalarType.String))]
        [InlineData("~", nameof(YamlScalarType.Null))]
        [InlineData("null", nameof(YamlScalarType.Null))]
        [InlineData("''", nameof(YamlScalarType.String))]
        public void Tags_and_styles_decide_the_scalar_type(string yaml, string expected)
        {
            YamlNode node = Root("k: " + yaml + "\n").At("k");
            Assert.Equal(expected, node.ScalarType.ToString());
            Assert.Equal(expected == nameof(YamlScalarType.Null), node.IsNull);
        }

        [Fact]
        public void Tagged_empty_scalar_span_stops_at_the_tag()
        {
            YamlNode node = Root("n: !!null\nm: 1\n").At("n");
            AssertPosition(node.Span, 0, 3, 0, 9);
        }

        [Fact]
        public void Block_scalars_keep_style_value_and_span()
        {
            const string text = "k: |-\n   lit\n\n  # c\nj: >\n  f1\n  f2\n\n  f3\n\n\nz: |+\n  keep\n\n";
            YamlNode root = Root(text);

            YamlNode k = root.At("k");
            Assert.Equal(YamlScalarStyle.Literal, k.Style);
            Assert.Equal("lit", k.Value);
            AssertPosition(k.Span, 0, 3, 1, 6);

            YamlNode j = root.At("j");
            Assert.Equal(YamlScalarStyle.Folded, j.Style);
            Assert.Equal("f1 f2\nf3\n", j.Value);
            AssertPosition(j.Span, 4, 3, 8, 4);

            YamlNode z = root.At("z");
            Assert.Equal("keep\n\n", z.Value);
            AssertPosition(z.Span, 11, 3, 12, 6);
        }

        [Fact]
        public void Block_scalar_span_keeps_trailing_spaces_of_the_last_line()
        {
            const string text = "k: |\n  a  \n  \nn: 1\n";
            YamlNode k = Root(text).At("k");
            Assert.Equal("a  \n", k.Value);
            Assert.Equal("|\n  a  ", text.Substring(k.Span.Start, k.Span.Length));
        }

        [Fact]
        public void Documents_are_indexed_including_empty_ones()
        {
            const string text = "a: 1\n---\n---\nb: 2\n...\n--- x\n";
            YamlReadResult result = YamlReader.Read(text);
            Assert.Empty(result.Problems);
            Assert.Equal(new[] { 0, 1, 2, 3 }, result.Documents.Select(d => d.Index));
            Assert.Equal("1", result.Documents[0].Root!.At("a").Value);
            Assert.Null(result.Documents[1].Root);
            Assert.Equal("2", result.Documents[2].Root!.At("b").Value);
            Assert.Equal("x", result.Documents[3].Root!.Value);

            AssertPosition(result.Documents[0].Span, 0, 0, 1, 0);
            AssertPosition(result.Documents[2].Span, 2, 0, 4, 3);
        }

        [Theory]
        [InlineData("")]
        [InlineData("# only a comment\n")]
        [InlineData("\n\n")]
        public void Streams_without_documents(string text)
        {
            YamlReadResult result = YamlReader.Read(text);
            Assert.Empty(result.Documents);
            Assert.Empty(result.Problems);
        }

        [Fact]
        public void Null_root_document_is_not_empty()
        {
            YamlReadResult result = YamlReader.Read("--- ~\n--- \"\"\n");
            Assert.True(result.Documents[0].Root!.IsNull);
            Assert.Equal(YamlScalarType.String, result.Documents[1].Root!.ScalarType);
        }

        [Fact]
        public void Aliases_share_the_anchored_node()
        {
            YamlNode root = Root("a: &x {p: 1}\nb: *x\nc: [*x, *x]\n");
            Assert.Same(root.At("a"), root.At("b"));
            Assert.Same(root.At("a"), root.At("c", 1));
            Assert.Equal("x", root.At("a").Anchor);
            Assert.Equal(3, root.At("a").SubtreeNodeCount);
            Assert.Equal(1 + (1 + 3) + (1 + 3) + (1 + 1 + 3 + 3), root.SubtreeNodeCount);
        }

        [Fact]
        public void Anchor_redefinition_applies_to_later_aliases()
        {
            YamlNode root = Root("- &a 1\n- *a\n- &a 2\n- *a\n");
            Assert.Equal(new[] { "1", "1", "2", "2" }, root.Items.Select(i => i.Value));
        }

        [Theory]
        [InlineData("a: *nope\n", "not defined")]
        [InlineData("&a [*a]\n", "contains it")]
        [InlineData("a: &a\n  b: *a\n", "contains it")]
        public void Unresolvable_alias_is_a_syntax_problem(string text, string messagePart)
        {
            YamlReadResult result = YamlReader.Read(text);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Syntax, problem.Kind);
            Assert.Contains(messagePart, problem.Message);
            Assert.Empty(result.Documents);
            Assert.True(result.HasErrors);
        }

        [Fact]
        public void Anchors_do_not_cross_documents()
        {
            YamlReadResult result = YamlReader.Read("a: &x 1\n---\nb: *x\n");
            Assert.Single(result.Documents);
            Assert.Equal(YamlProblemKind.Syntax, Assert.Single(result.Problems).Kind);
            AssertPosition(result.Problems[0].Span, 2, 3, 2, 5);
        }

        [Fact]
        public void Merge_keys_apply_with_explicit_and_earlier_sources_winning()
        {
            const string text =
                "base: &base\n  a: 1\n  b: 2\n" +
                "other: &other\n  b: 20\n  c: 30\n" +
                "m:\n  x: 0\n  <<: [*base, *other]\n  a: 100\n";
            YamlReadResult result = YamlReader.Read(text);
            Assert.Empty(result.Problems);
            YamlNode m = result.Documents[0].Root!.At("m");

            Assert.Equal(new[] { "x", "b", "c", "a" }, m.Entries.Select(e => e.Key.Value));
            Assert.Equal("100", m.At("a").Value);
            Assert.Equal("2", m.At("b").Value);
            Assert.Equal("30", m.At("c").Value);
            Assert.Null(m.Get("<<"));
        }

        [Fact]
        public void Merge_from_single_alias_and_inline_mapping()
        {
            YamlNode root = Root("d: &d {a: 1, b: 2}\ne:\n  <<: *d\n  b: 3\nf: {<<: {z: 9}, y: 8}\n");
            YamlNode e = root.At("e");
            Assert.Equal(new[] { "a", "b" }, e.Entries.Select(x => x.Key.Value));
            Assert.Equal("3", e.At("b").Value);
            Assert.Same(root.At("d", "a"), e.At("a"));
            Assert.Equal("9", root.At("f", "z").Value);
            Assert.Equal(5, root.At("f").SubtreeNodeCount);
        }

        [Fact]
        public void Merge_key_after_explicit_key_does_not_override_it()
        {
            YamlNode m = Root("b: &b {k: merged}\nm:\n  k: explicit\n  <<: *b\n").At("m");
            Assert.Equal("explicit", m.At("k").Value);
            Assert.Single(m.Entries);
        }

        [Fact]
        public void Quoted_merge_key_is_an_ordinary_key()
        {
            YamlNode m = Root("b: &b {k: 1}\nm:\n  '<<': *b\n").At("m");
            Assert.Null(m.Get("k"));
            Assert.NotNull(m.Get("<<"));
        }

        [Theory]
        [InlineData("m:\n  <<: 5\n")]
        [InlineData("m:\n  <<: [{a: 1}, x]\n")]
        public void Invalid_merge_value_is_reported_and_kept_as_an_entry(string text)
        {
            YamlReadResult result = YamlReader.Read(text);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Syntax, problem.Kind);
            AssertPosition(problem.Span, 1, 6, 1, text.Split('\n')[1].Length);
            Assert.NotNull(result.Documents[0].Root!.At("m").Get("<<"));
        }

        [Fact]
        public void Duplicate_keys_are_reported_at_the_second_key_and_both_kept()
        {
            YamlReadResult result = YamlReader.Read("a: 1\nb: 2\n'a': 3\n");
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.DuplicateKey, problem.Kind);
            Assert.Contains("'a'", problem.Message);
            AssertPosition(problem.Span, 2, 0, 2, 3);
            Assert.False(result.HasErrors);

            YamlNode root = result.Documents[0].Root!;
            Assert.Equal(3, root.Entries.Count);
            Assert.Equal("3", root.At("a").Value);
            Assert.Equal("3", root.GetEntry("a")!.Value.Value);
        }

        [Fact]
        public void Complex_keys_are_kept_but_not_matched_by_get()
        {
            YamlNode root = Root("? [c, d]\n: v\n? {x: 1}\n: w\nk: z\n");
            Assert.Equal(YamlNodeKind.Sequence, root.Entries[0].Key.Kind);
            Assert.Equal(YamlNodeKind.Mapping, root.Entries[1].Key.Kind);
            Assert.Equal("z", root.At("k").Value);
            Assert.Null(root.Get(""));
        }

        [Fact]
        public void Non_scalars_have_neutral_scalar_properties()
        {
            YamlNode root = Root("a: [1]\n");
            Assert.Equal("", root.Value);
            Assert.False(root.IsNull);
            Assert.Empty(root.Items);
            Assert.Empty(root.At("a").Entries);
            Assert.Null(root.At("a").Get("x"));
            Assert.Empty(root.At("a", 0).Entries);
        }

        [Fact]
        public void Syntax_error_is_located_and_earlier_documents_are_kept()
        {
            YamlReadResult result = YamlReader.Read("a: 1\n---\nb: 2\nc: d: e\n---\nz: 1\n");
            Assert.True(result.HasErrors);
            YamlDocument document = Assert.Single(result.Documents);
            Assert.Equal("1", document.Root!.At("a").Value);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Syntax, problem.Kind);
            AssertPosition(problem.Span, 3, 4, 3, 4);
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        }

        [Theory]
        [InlineData("a: [1, 2\nb: 3")]
        [InlineData("a: {x: 1\n")]
        [InlineData("a: 'open\n")]
        [InlineData("- a\nb: c\n")]
        [InlineData("a: 1\n\tb: 2\n")]
        [InlineData("%YAML 9.9\n--- a\n")]
        public void Broken_yaml_gives_a_syntax_problem_not_an_exception(string text)
        {
            YamlReadResult result = YamlReader.Read(text);
            Assert.Contains(result.Problems, p => p.Kind == YamlProblemKind.Syntax);
            Assert.All(result.Problems, p => Assert.InRange(p.Span.End, p.Span.Start, text.Length));
        }

        [Fact]
        public void Pre_cancelled_token_throws()
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => YamlReader.Read("a: 1\n", cancellationToken: cts.Token));
        }

        [Fact]
        public void Cancellation_is_observed_while_reading()
        {
            string text = string.Concat(Enumerable.Repeat("- {a: 1, b: [x, y]}\n", 400_000));
            using var cts = new CancellationTokenSource();
            cts.CancelAfter(TimeSpan.FromMilliseconds(50));
            var unlimited = new YamlBudgets(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue);
            Assert.ThrowsAny<OperationCanceledException>(() => YamlReader.Read(text, unlimited, cts.Token));
        }
    }
}
