// One collector of per-field messages for the whole host: the engine's (jobs are validated there too).
global using ValidationErrors = Kairos.Engine.Jobs.ValidationErrors;
