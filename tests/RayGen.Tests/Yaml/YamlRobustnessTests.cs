using System;
using System.Collections.Generic;
using System.Text;
using RayGen.Yaml;
using Xunit;

namespace RayGen.Tests.Yaml
{
    public class YamlRobustnessTests
    {
        private const string Manifest =
            "apiVersion: ray.io/v1\n" +
            "kind: RayCluster\n" +
            "metadata:\n  name: demo # comment\n  annotations: {ray.io/overwrite-container-cmd: \"true\"}\n" +
            "spec:\n  rayVersion: '2.41.0'\n  headGroupSpec:\n    rayStartParams: &params\n      num-cpus: \"1\"\n" +
            "    template:\n      spec:\n        containers:\n        - name: ray-head\n          image: rayproject/ray:2.41.0\n" +
            "          command: [\"/bin/bash\", '-lc', --]\n          args:\n          - |\n            echo hi\n            ray start --head\n" +
            "  workerGroupSpecs:\n  - groupName: w\n    rayStartParams:\n      <<: *params\n      block: !!str true\n" +
            "---\n? [complex, key]\n: >-\n  folded\n  text\n...\n";

        private const string Alphabet = "-:[]{},&*!|>'\"#%@` \n\n\n\t?<.~0123456789abcxyzTNy\\\r\u00e9\u2028\uFEFF\0";

        [Fact]
        public void Random_garbage_never_throws_and_spans_stay_in_the_text()
        {
            var random = new Random(20240611);
            for (int i = 0; i < 2000; i++)
            {
                string text = (i % 4) switch
                {
                    0 => RandomText(random, random.Next(0, 200)),
                    1 => Manifest.Substring(0, random.Next(Manifest.Length + 1)),
                    2 => Mutate(random, Manifest),
                    _ => RandomChars(random, random.Next(0, 100)),
                };

                var budgets = i % 3 == 0 ? new YamlBudgets(10_000, random.Next(1, 8), random.Next(1, 50), random.Next(0, 20)) : null;
                YamlReadResult result = YamlReader.Read(text, budgets);
                CheckSpans(result, text);
            }
        }

        [Fact]
        public void The_manifest_itself_reads_cleanly()
        {
            YamlReadResult result = YamlReader.Read(Manifest);
            Assert.Empty(result.Problems);
            Assert.Equal(2, result.Documents.Count);
            YamlNode worker = result.Documents[0].Root!.Get("spec")!.Get("workerGroupSpecs")!.Items[0];
            Assert.Equal("1", worker.Get("rayStartParams")!.Get("num-cpus")!.Value);
            Assert.Equal(YamlScalarType.String, worker.Get("rayStartParams")!.Get("block")!.ScalarType);
        }

        private static void CheckSpans(YamlReadResult result, string text)
        {
            foreach (YamlProblem problem in result.Problems)
            {
                CheckSpan(problem.Span, text);
            }

            var pending = new Stack<YamlNode>();
            foreach (YamlDocument document in result.Documents)
            {
                CheckSpan(document.Span, text);
                if (document.Root is not null)
                {
                    pending.Push(document.Root);
                }
            }

            var seen = new HashSet<YamlNode>();
            while (pending.Count > 0)
            {
                YamlNode node = pending.Pop();
                if (!seen.Add(node))
                {
                    continue;
                }

                CheckSpan(node.Span, text);
                foreach (YamlNode item in node.Items)
                {
                    pending.Push(item);
                }

                foreach (YamlEntry entry in node.Entries)
                {
                    pending.Push(entry.Key);
                    pending.Push(entry.Value);
                }
            }
        }

        private static void CheckSpan(SourceSpan span, string text)
        {
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
            Assert.True(span.StartLine < span.EndLine || (span.StartLine == span.EndLine && span.StartColumn <= span.EndColumn), span.ToString());
        }

        private static string RandomText(Random random, int length)
        {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            return text.ToString();
        }

        private static string RandomChars(Random random, int length)
        {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                text.Append((char)random.Next(0, 0x10000));
            }

            return text.ToString();
        }

        private static string Mutate(Random random, string text)
        {
            var chars = new StringBuilder(text);
            for (int edits = random.Next(1, 6); edits > 0 && chars.Length > 0; edits--)
            {
                int at = random.Next(chars.Length);
                switch (random.Next(3))
                {
                    case 0:
                        chars.Remove(at, 1);
                        break;
                    case 1:
                        chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        chars[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }

            return chars.ToString();
        }
    }
}
