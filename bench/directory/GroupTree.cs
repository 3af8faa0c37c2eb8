using System.Globalization;

namespace DirectoryBench;

/// <summary>Names the bulk accounts and the three-level group tree over them:
/// top → g01..g10 → g01-01..g10-10 → 100 accounts each (m00001..m10000).</summary>
internal static class GroupTree
{
    public static string Top => Address("top");

    public static string Account(int index) => Address("m" + index.ToString("D5", CultureInfo.InvariantCulture));

    public static string Middle(int branch) => Address("g" + Two(branch));

    public static string Leaf(int branch, int twig) => Address("g" + Two(branch) + "-" + Two(twig));

    /// <summary>The accounts of one leaf group: a contiguous block of 100, so every account is in exactly one leaf.</summary>
    public static IEnumerable<string> LeafAccounts(int branch, int twig)
    {
        var first = (((branch - 1) * BenchPlan.Branches) + (twig - 1)) * BenchPlan.LeafSize;
        return Enumerable.Range(first + 1, BenchPlan.LeafSize).Select(Account);
    }

    public static IEnumerable<int> BranchNumbers => Enumerable.Range(1, BenchPlan.Branches);

    private static string Two(int number) => number.ToString("D2", CultureInfo.InvariantCulture);

    private static string Address(string local) => local + "@" + BenchPlan.Domain;
}
