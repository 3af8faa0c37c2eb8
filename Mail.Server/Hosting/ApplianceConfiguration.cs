using Microsoft.Extensions.Configuration;

namespace Mail.Server.Hosting;

/// <summary>Loads <see cref="ApplianceOptions"/> from the data folder's file plus environment overrides.</summary>
public static class ApplianceConfiguration
{
    /// <summary>Builds the configuration sources: the file (when present) then the environment.</summary>
    public static IConfigurationRoot Build(DataFolder data) =>
        new ConfigurationBuilder()
            .AddJsonFile(data.ConfigFile, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>Binds and validates the options; throws <see cref="InvalidDataException"/> with one clear sentence.</summary>
    public static ApplianceOptions Load(DataFolder data) => Bind(Build(data));

    /// <summary>Binds and validates the options of an existing configuration.</summary>
    public static ApplianceOptions Bind(IConfiguration configuration)
    {
        var options = new ApplianceOptions();
        try
        {
            configuration.GetSection(ApplianceOptions.Section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"invalid configuration: {ex.Message}", ex);
        }

        return options.Validate() is { } error ? throw new InvalidDataException($"invalid configuration: {error}") : options;
    }
}
