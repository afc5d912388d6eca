namespace VaeSweep.Core.Pictures;

/// <summary>
/// The one colour palette of every picture and chart: Matplotlib's "tab10", ten colours chosen to stay apart
/// (the usual colours of class-coloured latent embeddings). Class i and chart series i get colour i, repeating
/// after ten.
/// </summary>
public static class Palette
{
    private static readonly Rgb[] Colours =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    public static int Count => Colours.Length;

    public static Rgb Colour(int index) => Colours[index % Colours.Length];

    /// <summary>The colour as CSS and SVG write it: "#1f77b4".</summary>
    public static string Hex(int index) => Colour(index).Hex;
}
