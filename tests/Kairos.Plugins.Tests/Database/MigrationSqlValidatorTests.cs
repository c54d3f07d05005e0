using Kairos.Plugins.Database;

namespace Kairos.Plugins.Tests.Database;

public sealed class MigrationSqlValidatorTests
{
    [Fact]
    public void Own_tables_indexes_views_triggers_and_writes_are_accepted()
    {
        const string sql = """
            -- comment mentioning accounts; and a ; in it
            CREATE TABLE IF NOT EXISTS fund_navs (code TEXT NOT NULL, date TEXT, nav TEXT, note TEXT DEFAULT 'DROP TABLE jobs;', PRIMARY KEY (code, date));
            CREATE UNIQUE INDEX fund_navs_by_date ON fund_navs (date);
            CREATE VIEW "fund_latest" AS SELECT * FROM fund_navs;
            CREATE TRIGGER fund_navs_touch AFTER UPDATE OF nav ON fund_navs BEGIN UPDATE fund_navs SET note = CASE WHEN 1 THEN 'x' END WHERE code = NEW.code; END;
            ALTER TABLE fund_navs ADD COLUMN source TEXT;
            ALTER TABLE fund_old RENAME TO fund_older;
            INSERT INTO main.fund_navs (code, date, nav) VALUES ('000001', '2026-01-01', '1.0') ON CONFLICT (code, date) DO UPDATE SET nav = excluded.nav;
            DELETE FROM fund_navs WHERE nav IS NULL;
            DROP INDEX IF EXISTS fund_unused;
            DROP TABLE [fund_old];
            """;

        Assert.Empty(MigrationSqlValidator.Validate(sql, "fund"));
    }

    [Theory]
    [InlineData("CREATE TABLE accounts (id INTEGER)", "creates table 'accounts'")]
    [InlineData("CREATE TABLE portfolio_accounts (id INTEGER)", "'portfolio_accounts'")]
    [InlineData("CREATE TABLE \"Jobs\" (id INTEGER)", "'Jobs'")]
    [InlineData("CREATE INDEX fund_x ON jobs (id)", "on table 'jobs'")]
    [InlineData("CREATE TABLE other.fund_x (id INTEGER)", "'other.fund_x'")]
    [InlineData("ALTER TABLE runs ADD COLUMN x TEXT", "alters table 'runs'")]
    [InlineData("ALTER TABLE fund_x RENAME TO runs", "renames to 'runs'")]
    [InlineData("DROP TABLE IF EXISTS events", "drops table 'events'")]
    [InlineData("INSERT INTO jobs (job_id) VALUES ('x')", "writes to table 'jobs'")]
    [InlineData("UPDATE runs SET status = 'x'", "writes to table 'runs'")]
    [InlineData("DELETE FROM portfolio_positions", "writes to table 'portfolio_positions'")]
    [InlineData("PRAGMA writable_schema = 1", "PRAGMA statements are not allowed")]
    [InlineData("ATTACH DATABASE 'x.db' AS x", "ATTACH statements are not allowed")]
    [InlineData("BEGIN; CREATE TABLE fund_a (x); COMMIT", "BEGIN statements are not allowed")]
    [InlineData("CREATE TABLE fund_ (x)", "'fund_'")]
    public void Statements_touching_anything_but_own_tables_are_refused(string sql, string expected)
    {
        var problems = MigrationSqlValidator.Validate(sql, "fund");

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_problem_names_its_statement()
    {
        var problems = MigrationSqlValidator.Validate("CREATE TABLE fund_ok (x); CREATE TABLE jobs2 (x)", "fund");

        Assert.Equal(["statement 2: creates table 'jobs2', which is not named 'fund_*'"], problems);
    }
}
