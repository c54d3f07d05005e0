using Kairos.Server.Hosting;

return await KairosProgram.RunAsync(args).ConfigureAwait(false);
