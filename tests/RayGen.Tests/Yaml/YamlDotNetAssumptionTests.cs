using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RayGen.Tests.Yaml
{
    /// <summary>Pins the YamlDotNet 18.1.0 behaviour that the reader relies on or works around.</summary>
    public class YamlDotNetAssumptionTests
    {
        private static List<ParsingEvent> Events(string text)
        {
            var parser = new Parser(new StringReader(text));
            var events = new List<ParsingEvent>();
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }

            return events;
        }

        [Fact]
        public void Mark_index_is_0_based_utf16_and_line_column_are_1_based()
        {
            Scalar scalar = Events("a: 1\r\nb: \U0001F600x\n").OfType<Scalar>().Last();
            Assert.Equal((9L, 2L, 4L), (scalar.Start.Index, scalar.Start.Line, scalar.Start.Column));
            Assert.Equal((12L, 2L, 7L), (scalar.End.Index, scalar.End.Line, scalar.End.Column));
        }

        [Fact]
        public void Byte_order_mark_is_not_skipped()
        {
            Scalar key = Events("\uFEFFa: 1\n").OfType<Scalar>().First();
            Assert.Equal("\uFEFFa", key.Value);
        }

        [Fact]
        public void Flow_end_events_have_an_empty_span_at_the_bracket()
        {
            SequenceEnd end = Events("[1, 2]").OfType<SequenceEnd>().Single();
            Assert.Equal((5L, 5L), (end.Start.Index, end.End.Index));
        }

        [Fact]
        public void Block_collection_end_comes_after_trailing_comments()
        {
            MappingEnd end = Events("a: 1\n# c\n\n").OfType<MappingEnd>().Single();
            Assert.Equal(10L, end.Start.Index);
        }
    }
}
