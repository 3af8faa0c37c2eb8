using Mail.Server.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
