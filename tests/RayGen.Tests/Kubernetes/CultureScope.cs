using System;
using System.Globalization;
using Xunit;

namespace RayGen.Tests.Kubernetes
{
    /// <summary>Runs an action with a given current culture (and UI culture) on this thread.</summary>
    internal static class CultureScope
    {
        public static void Run(string name, Action action)
        {
            CultureInfo culture = CultureInfo.CurrentCulture;
            CultureInfo uiCulture = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                CultureInfo.CurrentUICulture = new CultureInfo(name);
                Assert.Equal(name, CultureInfo.CurrentCulture.Name);
                action();
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
            }
        }
    }
}
