/*
 * index.db <-> text (docs/schema.md, "index.db as text").
 *
 * Export is a handful of sorted queries, one per record kind, each row
 * written as tab-separated fields.  Import is table-driven: each record
 * kind has a field signature (text, number, file, symbol reference) and
 * an INSERT; references are resolved through per-tree maps built from the
 * file and symbol records, which a first pass reads before the rest.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "error.h"
#include "index-text.h"
#include "infile.h"
#include "outfile.h"
#include "schema.h"
#include "strmap.h"

#define HEADER "# sysatlas index text, schema "

/* A symbol's reference: NAME@PATH:LINE, NAME@PATH, or NAME (no file). */
#define SYM_REF(s, f) \
	"(" s ".name || CASE WHEN " f ".path IS NULL THEN '' ELSE '@' || " f ".path" \
	" || CASE WHEN " s ".line IS NULL THEN '' ELSE ':' || " s ".line END END)"

static const char preamble[] =
	"# One record a line, fields separated by tabs; \\N is NULL, and \\\\ \\t \\n \\r\n"
	"# stand for a backslash, tab, newline and carriage return.  The records after\n"
	"# a tree record belong to that tree.  A symbol is referred to as NAME@PATH:LINE\n"
	"# (NAME@PATH without a line, NAME when it has no file); a syscall's DECODER is\n"
	"# a symbol of the strace tree.  Sorted; no row ids.  sysatlas index\n"
	"# --export-text writes this, --import-text turns it back into an index.db.\n"
	"#\n"
	"# tree\tKIND\tVERSION\tARCH\tURL_TEMPLATE\tCONFIG\n"
	"# file\tPATH\n"
	"# symbol\tKIND\tNAME\tPATH\tLINE\tEND_LINE\tSIGNATURE\n"
	"# syscall\tABI\tNR\tNAME\tENTRY_POINT\tSTATUS\tDEFINITION\tDECODER\tREASON\n"
	"# call\tPATH\tLINE\tCALLER\tCALLEE\n"
	"# path\tNAME\tSTEP\tSYMBOL\tCALL_LINE\n"
	"# strace_syscall\tABI\tNR\tNAME\tNARGS\tFLAGS\tDECODER\tDECODER_SYMBOL\n"
	"# skipped\tPATH\tLINE\tREASON\n"
	"# icall\tPATH\tLINE\tCALLER\tEXPRESSION\tMEMBER\n"
	"# member_init\tMEMBER\tFUNCTION\tPATH\tLINE\n"
	"# decoder_arg\tDECODER\tARG\tPRINTER\tPATH\tLINE\tVIA\n";

/* --- export ---------------------------------------------------------- */

/* Each query counts rows the text could not represent exactly. */
static const struct {
	const char *sql;
	const char *what;
} export_checks[] = {
	{ "SELECT count(*) FROM (SELECT kind FROM tree GROUP BY kind HAVING count(*) > 1)",
	  "tree kinds held by more than one tree" },
	{ "SELECT count(*) FROM (SELECT s.tree_id, " SYM_REF("s", "f") " AS k FROM symbol s"
	  " LEFT JOIN file f ON f.id = s.file_id GROUP BY s.tree_id, k HAVING count(*) > 1)",
	  "NAME@PATH:LINE references shared by two symbols of one tree" },
	{ "SELECT (SELECT count(*) FROM file WHERE tree_id NOT IN (SELECT id FROM tree))"
	  " + (SELECT count(*) FROM symbol WHERE tree_id NOT IN (SELECT id FROM tree))"
	  " + (SELECT count(*) FROM syscall WHERE tree_id NOT IN (SELECT id FROM tree))"
	  " + (SELECT count(*) FROM path WHERE tree_id NOT IN (SELECT id FROM tree))"
	  " + (SELECT count(*) FROM strace_syscall WHERE tree_id NOT IN (SELECT id FROM tree))"
	  " + (SELECT count(*) FROM skipped WHERE tree_id NOT IN (SELECT id FROM tree))",
	  "rows of no tree" },
	{ "SELECT count(*) FROM symbol s LEFT JOIN file f ON f.id = s.file_id"
	  " WHERE s.file_id IS NOT NULL AND (f.id IS NULL OR f.tree_id != s.tree_id)",
	  "symbols whose file is missing or in another tree" },
	{ "SELECT count(*) FROM call c LEFT JOIN symbol a ON a.id = c.caller_id"
	  " LEFT JOIN symbol b ON b.id = c.callee_id LEFT JOIN file f ON f.id = c.file_id"
	  " WHERE a.id IS NULL OR b.id IS NULL OR f.id IS NULL"
	  " OR b.tree_id != a.tree_id OR f.tree_id != a.tree_id",
	  "call edges with a missing symbol or file, or across trees" },
	{ "SELECT count(*) FROM path p LEFT JOIN symbol s ON s.id = p.symbol_id"
	  " WHERE s.id IS NULL OR s.tree_id != p.tree_id",
	  "path steps whose symbol is missing or in another tree" },
	{ "SELECT count(*) FROM syscall y LEFT JOIN symbol d ON d.id = y.definition_id"
	  " WHERE y.definition_id IS NOT NULL AND (d.id IS NULL OR d.tree_id != y.tree_id)",
	  "syscall definitions missing or in another tree" },
	{ "SELECT count(*) FROM syscall y LEFT JOIN symbol d ON d.id = y.decoder_id"
	  " LEFT JOIN tree t ON t.id = d.tree_id"
	  " WHERE y.decoder_id IS NOT NULL AND (t.id IS NULL OR t.kind != 'strace')",
	  "syscall decoders missing or not in the strace tree" },
	{ "SELECT count(*) FROM strace_syscall y LEFT JOIN symbol d ON d.id = y.decoder_id"
	  " WHERE y.decoder_id IS NOT NULL AND (d.id IS NULL OR d.tree_id != y.tree_id)",
	  "strace decoders missing or in another tree" },
	{ "SELECT CASE WHEN (SELECT count(*) FROM sqlite_master WHERE name = 'decoder_arg')"
	  " = 0 THEN 0 ELSE (SELECT count(*) FROM decoder_arg a"
	  " LEFT JOIN symbol d ON d.id = a.decoder_id LEFT JOIN symbol p ON p.id = a.printer_id"
	  " LEFT JOIN symbol v ON v.id = a.via_id LEFT JOIN file f ON f.id = a.file_id"
	  " WHERE d.id IS NULL OR p.id IS NULL OR f.id IS NULL"
	  " OR (a.via_id IS NOT NULL AND (v.id IS NULL OR v.tree_id != d.tree_id))"
	  " OR p.tree_id != d.tree_id OR f.tree_id != d.tree_id) END",
	  "decoder arguments with a missing symbol or file, or across trees" },
};

/* The records of one tree, in the order they are written; ?1 is its id. */
static const struct {
	const char *record;
	const char *sql;
} export_queries[] = {
	{ "file", "SELECT path FROM file WHERE tree_id = ?1 ORDER BY path" },
	{ "symbol",
	  "SELECT s.kind, s.name, f.path, s.line, s.end_line, s.signature FROM symbol s"
	  " LEFT JOIN file f ON f.id = s.file_id WHERE s.tree_id = ?1"
	  " ORDER BY f.path IS NULL, f.path, s.line, s.kind, s.name, s.end_line, s.signature" },
	/* the 64-bit table by number as in syscall_64.tbl, then i386 */
	{ "syscall",
	  "SELECT y.abi, y.nr, y.name, y.entry_point, y.status, " SYM_REF("d", "df") ", "
	  SYM_REF("c", "cf") ", y.reason FROM syscall y"
	  " LEFT JOIN symbol d ON d.id = y.definition_id LEFT JOIN file df ON df.id = d.file_id"
	  " LEFT JOIN symbol c ON c.id = y.decoder_id LEFT JOIN file cf ON cf.id = c.file_id"
	  " WHERE y.tree_id = ?1 ORDER BY y.abi = 'i386', y.nr, y.abi" },
	{ "call",
	  "SELECT f.path, c.line, " SYM_REF("a", "af") " AS ca, " SYM_REF("b", "bf") " AS cb"
	  " FROM call c JOIN file f ON f.id = c.file_id"
	  " JOIN symbol a ON a.id = c.caller_id LEFT JOIN file af ON af.id = a.file_id"
	  " JOIN symbol b ON b.id = c.callee_id LEFT JOIN file bf ON bf.id = b.file_id"
	  " WHERE a.tree_id = ?1 ORDER BY f.path, c.line, ca, cb" },
	{ "path",
	  "SELECT p.name, p.step, " SYM_REF("s", "f") ", p.call_line FROM path p"
	  " JOIN symbol s ON s.id = p.symbol_id LEFT JOIN file f ON f.id = s.file_id"
	  " WHERE p.tree_id = ?1 ORDER BY p.name, p.step" },
	{ "strace_syscall",
	  "SELECT y.abi, y.nr, y.name, y.nargs, y.flags, y.decoder, " SYM_REF("d", "f")
	  " FROM strace_syscall y LEFT JOIN symbol d ON d.id = y.decoder_id"
	  " LEFT JOIN file f ON f.id = d.file_id WHERE y.tree_id = ?1 ORDER BY y.abi, y.nr" },
	{ "skipped",
	  "SELECT path, line, reason FROM skipped WHERE tree_id = ?1"
	  " ORDER BY path, line, reason" },
	{ "icall",
	  "SELECT f.path, i.line, " SYM_REF("a", "af") " AS ca, i.expr, i.member"
	  " FROM icall i JOIN file f ON f.id = i.file_id"
	  " JOIN symbol a ON a.id = i.caller_id LEFT JOIN file af ON af.id = a.file_id"
	  " WHERE a.tree_id = ?1 ORDER BY f.path, i.line, ca, i.expr" },
	{ "member_init",
	  "SELECT m.member, " SYM_REF("s", "sf") " AS sr, f.path, m.line"
	  " FROM member_init m JOIN file f ON f.id = m.file_id"
	  " JOIN symbol s ON s.id = m.symbol_id LEFT JOIN file sf ON sf.id = s.file_id"
	  " WHERE m.tree_id = ?1 ORDER BY m.member, sr, f.path, m.line" },
	{ "decoder_arg",
	  "SELECT " SYM_REF("d", "df") " AS dr, a.arg, " SYM_REF("p", "pf") " AS pr, f.path,"
	  " a.line, " SYM_REF("v", "vf") " AS vr FROM decoder_arg a"
	  " JOIN file f ON f.id = a.file_id"
	  " JOIN symbol d ON d.id = a.decoder_id LEFT JOIN file df ON df.id = d.file_id"
	  " JOIN symbol p ON p.id = a.printer_id LEFT JOIN file pf ON pf.id = p.file_id"
	  " LEFT JOIN symbol v ON v.id = a.via_id LEFT JOIN file vf ON vf.id = v.file_id"
	  " WHERE d.tree_id = ?1 ORDER BY dr, a.arg, f.path, a.line, pr, vr" },
};

static void put_escaped(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		default: strbuf_addch(out, s[i]); break;
		}
	}
}

/* Append the rows of st (stepped to the end) as records named record. */
static int put_rows(struct strbuf *out, const char *record, sqlite3_stmt *st)
{
	int rc, i, n = sqlite3_column_count(st);

	while ((rc = db_step(st)) == SQLITE_ROW) {
		strbuf_addstr(out, record);
		for (i = 0; i < n; i++) {
			const char *s;

			strbuf_addch(out, '\t');
			if (sqlite3_column_type(st, i) == SQLITE_NULL) {
				strbuf_addstr(out, "\\N");
				continue;
			}
			s = (const char *)sqlite3_column_text(st, i);
			if (!s)
				return db_error(sqlite3_db_handle(st), "export");
			put_escaped(out, s, (size_t)sqlite3_column_bytes(st, i));
		}
		strbuf_addch(out, '\n');
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int index_text_export(sqlite3 *db, struct strbuf *out)
{
	sqlite3_stmt *trees = NULL, *st = NULL;
	size_t i;
	int rc = -1, r, version;

	for (i = 0; i < sizeof(export_checks) / sizeof(export_checks[0]); i++) {
		int64_t n;

		if (db_query_int(db, export_checks[i].sql, &n))
			return -1;
		if (n)
			return error("index: %s: %lld %s: the text cannot say that exactly",
				     sqlite3_db_filename(db, "main"), (long long)n,
				     export_checks[i].what);
	}

	version = db_user_version(db);
	if (version < 0)
		return -1;
	strbuf_addf(out, HEADER "%d\n%s", db_schema_index.version, preamble);
	if (db_prepare(db, &trees, "SELECT id, kind, version, arch, url_template, config"
		       " FROM tree ORDER BY kind"))
		goto cleanup;
	while ((r = db_step(trees)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(trees, 0);

		strbuf_addch(out, '\n');
		if (db_prepare(db, &st, "SELECT kind, version, arch, url_template, config"
			       " FROM tree WHERE id = ?1") ||
		    db_bind_int(st, 1, id) || put_rows(out, "tree", st))
			goto cleanup;
		db_finalize(st);
		st = NULL;
		for (i = 0; i < sizeof(export_queries) / sizeof(export_queries[0]); i++) {
			/* an index of schema 1 has no records of the later ones */
			if (version < 2 && (!strcmp(export_queries[i].record, "icall") ||
					    !strcmp(export_queries[i].record, "member_init")))
				continue;
			if (version < 3 && !strcmp(export_queries[i].record, "decoder_arg"))
				continue;
			if (db_prepare(db, &st, export_queries[i].sql) || db_bind_int(st, 1, id) ||
			    put_rows(out, export_queries[i].record, st))
				goto cleanup;
			db_finalize(st);
			st = NULL;
		}
	}
	if (r != SQLITE_DONE)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	db_finalize(trees);
	return rc;
}

/* --- import ---------------------------------------------------------- */

/*
 * Field kinds of a record, one letter each; upper case: required, lower
 * case: may be \N.  T text, I integer, F a file of the current tree,
 * S a symbol reference in the current tree, D one in the strace tree.
 */
struct record_spec {
	const char *name;
	const char *fields;
	const char *sql;	/* ?1 the tree id, ?2… the fields */
	int pass;		/* 0: trees, files, symbols; 1: the rest */
};

static const struct record_spec record_specs[] = {
	{ "tree", "TTTTt", "INSERT INTO tree(kind, version, arch, url_template, config)"
	  " VALUES (?2, ?3, ?4, ?5, ?6)", 0 },
	{ "file", "T", "INSERT INTO file(tree_id, path) VALUES (?1, ?2)", 0 },
	{ "symbol", "TTfiit", "INSERT INTO symbol(tree_id, kind, name, file_id, line,"
	  " end_line, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 0 },
	{ "syscall", "TITtTsdt", "INSERT INTO syscall(tree_id, abi, nr, name, entry_point,"
	  " status, definition_id, decoder_id, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	  " ?8, ?9)", 1 },
	{ "call", "FISS", "INSERT INTO call(file_id, line, caller_id, callee_id)"
	  " VALUES (?2, ?3, ?4, ?5)", 1 },
	{ "path", "TISi", "INSERT INTO path(tree_id, name, step, symbol_id, call_line)"
	  " VALUES (?1, ?2, ?3, ?4, ?5)", 1 },
	{ "strace_syscall", "TITitts", "INSERT INTO strace_syscall(tree_id, abi, nr, name,"
	  " nargs, flags, decoder, decoder_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 1 },
	{ "skipped", "tiT", "INSERT INTO skipped(tree_id, path, line, reason)"
	  " VALUES (?1, ?2, ?3, ?4)", 1 },
	{ "icall", "FISTT", "INSERT INTO icall(file_id, line, caller_id, expr, member)"
	  " VALUES (?2, ?3, ?4, ?5, ?6)", 1 },
	{ "member_init", "TSFI", "INSERT INTO member_init(tree_id, member, symbol_id, file_id,"
	  " line) VALUES (?1, ?2, ?3, ?4, ?5)", 1 },
	{ "decoder_arg", "SISFIs", "INSERT INTO decoder_arg(decoder_id, arg, printer_id, file_id,"
	  " line, via_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7)", 1 },
};
#define NSPECS (sizeof(record_specs) / sizeof(record_specs[0]))
#define MAX_FIELDS 9

struct text_record {
	int lineno;
	const struct record_spec *spec;
	char *field[MAX_FIELDS];	/* unescaped, NULL for \N */
	int nfields;
};

struct text_tree {
	char *kind;
	int64_t id;
	struct strmap files;	/* path -> file id */
	struct strmap symbols;	/* NAME@PATH:LINE -> symbol id */
};

struct importer {
	sqlite3 *db;
	const char *name;
	struct text_record *recs;
	size_t nrecs, arecs;
	struct text_tree *trees;
	size_t ntrees;
	sqlite3_stmt *st[NSPECS];
};

static int rec_error(const struct importer *im, int lineno, const char *fmt, ...)
	SYSATLAS_PRINTF(3, 4);

static int rec_error(const struct importer *im, int lineno, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	error("index: %s:%d: %s", im->name, lineno, sb.buf);
	strbuf_release(&sb);
	return -1;
}

/*
 * Unescape field s in place; *null set for \N.  0, or -1 on a bad escape
 * with *bad the character after the backslash.
 */
static int unescape(char *s, int *null, char *bad)
{
	char *w = s;

	*null = !strcmp(s, "\\N");
	if (*null)
		return 0;
	for (; *s; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		switch (*++s) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default:
			*bad = *s;
			return -1;
		}
	}
	*w = '\0';
	return 0;
}

/* Split buf (NUL-terminated, modified) into records; check the header. */
static int import_split(struct importer *im, char *buf)
{
	char *line, *next;
	int lineno = 0, version;

	for (line = buf; line && *line; line = next) {
		struct text_record *r;
		char *f, *tab;
		size_t i;
		int null;
		char bad;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		/*
		 * A carriage return at a line's end is a CRLF line end (the text
		 * writes a field's own as \r): read such a text as it was.
		 */
		if (next && next - 2 >= line && next[-2] == '\r')
			next[-2] = '\0';
		else if (!next && *line && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (lineno == 1) {
			char *end;

			if (strncmp(line, HEADER, strlen(HEADER)))
				return rec_error(im, lineno, "not a sysatlas index text"
						 " (it starts with '%s')", HEADER);
			errno = 0;
			version = (int)strtol(line + strlen(HEADER), &end, 10);
			if (errno || *end || end == line + strlen(HEADER))
				return rec_error(im, lineno, "bad schema version '%s'",
						 line + strlen(HEADER));
			/* schema 1 texts lack only records that are optional */
			if (version < 1 || version > db_schema_index.version)
				return rec_error(im, lineno, "index text of schema %d; this sysatlas"
						 " reads schemas 1 to %d (regenerate the text)",
						 version, db_schema_index.version);
			continue;
		}
		if (strchr(line, '\r'))
			return rec_error(im, lineno, "a carriage return inside a line;"
					 " the text writes it as \\r");
		if (!*line || *line == '#')
			continue;
		if (im->nrecs == im->arecs) {
			im->arecs = im->arecs ? im->arecs * 2 : 1024;
			im->recs = xrealloc(im->recs, im->arecs * sizeof(*im->recs));
		}
		r = &im->recs[im->nrecs];
		memset(r, 0, sizeof(*r));
		r->lineno = lineno;
		tab = strchr(line, '\t');
		if (tab)
			*tab = '\0';
		for (i = 0; i < NSPECS; i++)
			if (!strcmp(line, record_specs[i].name))
				r->spec = &record_specs[i];
		if (!r->spec)
			return rec_error(im, lineno, "unknown record '%s'", line);
		for (f = tab ? tab + 1 : NULL; f; f = tab ? tab + 1 : NULL) {
			tab = strchr(f, '\t');
			if (tab)
				*tab = '\0';
			if (r->nfields == MAX_FIELDS)
				break;
			if (unescape(f, &null, &bad))
				return rec_error(im, lineno, "field %d: bad escape '\\%s'"
						 " (\\\\ \\t \\n \\r, or \\N alone)",
						 r->nfields + 1, bad ? (char[]){ bad, 0 } : "");
			r->field[r->nfields++] = null ? NULL : f;
		}
		if (f || r->nfields != (int)strlen(r->spec->fields))
			return rec_error(im, lineno, "%s record with %s%d fields, not %zu",
					 r->spec->name, f ? "more than " : "", r->nfields,
					 strlen(r->spec->fields));
		im->nrecs++;
	}
	if (lineno == 0)
		return error("index: %s: empty, not a sysatlas index text", im->name);
	return 0;
}

static struct text_tree *tree_of_kind(struct importer *im, const char *kind)
{
	size_t i;

	for (i = 0; i < im->ntrees; i++)
		if (!strcmp(im->trees[i].kind, kind))
			return &im->trees[i];
	return NULL;
}

/* Bind field i of r (parameter i + 2) after checking and resolving it. */
static int bind_field(struct importer *im, sqlite3_stmt *st, const struct text_record *r,
		      int i, struct text_tree *tree)
{
	char type = r->spec->fields[i];
	const char *v = r->field[i];
	struct text_tree *in = tree;
	long id;

	if (!v) {
		if (type >= 'A' && type <= 'Z')
			return rec_error(im, r->lineno, "%s: field %d may not be \\N",
					 r->spec->name, i + 1);
		return db_bind_null(st, i + 2);
	}
	switch (type) {
	case 'T': case 't':
		return db_bind_text(st, i + 2, v, -1);
	case 'I': case 'i': {
		char *end;
		long long n;

		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno || !*v || *end)
			return rec_error(im, r->lineno, "%s: field %d: '%s' is not a number",
					 r->spec->name, i + 1, v);
		return db_bind_int(st, i + 2, n);
	}
	case 'F': case 'f':
		id = strmap_get(&tree->files, v, -1);
		if (id < 0)
			return rec_error(im, r->lineno, "%s: no file record for '%s' in the %s tree",
					 r->spec->name, v, tree->kind);
		return db_bind_int(st, i + 2, id);
	case 'D': case 'd':
		in = tree_of_kind(im, "strace");
		if (!in)
			return rec_error(im, r->lineno, "%s: decoder '%s' but no strace tree",
					 r->spec->name, v);
		/* fall through */
	case 'S': case 's':
		id = strmap_get(&in->symbols, v, -1);
		if (id < 0)
			return rec_error(im, r->lineno, "%s: no symbol '%s' in the %s tree",
					 r->spec->name, v, in->kind);
		return db_bind_int(st, i + 2, id);
	}
	return rec_error(im, r->lineno, "%s: field type '%c'", r->spec->name, type);
}

/* The reference other records use for symbol record r. */
static void symbol_ref(struct strbuf *sb, const struct text_record *r)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, r->field[1]);
	if (r->field[2]) {
		strbuf_addf(sb, "@%s", r->field[2]);
		if (r->field[3])
			strbuf_addf(sb, ":%s", r->field[3]);
	}
}

static int import_pass(struct importer *im, int pass)
{
	struct strbuf key = STRBUF_INIT;
	struct text_tree *tree = NULL;
	size_t k;
	int rc = -1;

	for (k = 0; k < im->nrecs; k++) {
		const struct text_record *r = &im->recs[k];
		size_t s = (size_t)(r->spec - record_specs);
		sqlite3_stmt *st;
		int i;

		if (!strcmp(r->spec->name, "tree")) {
			tree = tree_of_kind(im, r->field[0] ? r->field[0] : "");
			if (pass == 1)
				continue;
			if (tree) {
				rec_error(im, r->lineno, "a second %s tree", tree->kind);
				goto cleanup;
			}
		} else if (!tree) {
			rec_error(im, r->lineno, "%s record before any tree record",
				  r->spec->name);
			goto cleanup;
		}
		if (r->spec->pass != pass)
			continue;
		if (!strcmp(r->spec->name, "file") && r->field[0] &&
		    strmap_get(&tree->files, r->field[0], -1) >= 0) {
			rec_error(im, r->lineno, "file '%s' twice in the %s tree", r->field[0],
				  tree->kind);
			goto cleanup;
		}
		if (!im->st[s] && db_prepare(im->db, &im->st[s], r->spec->sql))
			goto cleanup;
		st = im->st[s];
		if (tree && db_bind_int(st, 1, tree->id))
			goto cleanup;
		for (i = 0; i < r->nfields; i++)
			if (bind_field(im, st, r, i, tree))
				goto cleanup;
		if (db_step_done(st)) {
			rec_error(im, r->lineno, "%s record rejected by the database",
				  r->spec->name);
			goto cleanup;
		}
		if (!strcmp(r->spec->name, "tree")) {
			im->trees = xrealloc(im->trees, (im->ntrees + 1) * sizeof(*im->trees));
			tree = &im->trees[im->ntrees++];
			memset(tree, 0, sizeof(*tree));
			tree->kind = xstrdup(r->field[0]);
			tree->id = sqlite3_last_insert_rowid(im->db);
		} else if (!strcmp(r->spec->name, "file")) {
			strmap_put(&tree->files, r->field[0],
				   (long)sqlite3_last_insert_rowid(im->db));
		} else if (!strcmp(r->spec->name, "symbol")) {
			long id = (long)sqlite3_last_insert_rowid(im->db);

			symbol_ref(&key, r);
			if (strmap_put_new(&tree->symbols, key.buf, id) != id) {
				rec_error(im, r->lineno, "symbol '%s' twice in the %s tree",
					  key.buf, tree->kind);
				goto cleanup;
			}
		}
	}
	rc = 0;
cleanup:
	strbuf_release(&key);
	return rc;
}

int index_text_import(sqlite3 *db, const char *text, size_t len, const char *name)
{
	struct importer im;
	char *buf = xstrndup(text, len);
	size_t i;
	int rc = -1;

	memset(&im, 0, sizeof(im));
	im.db = db;
	im.name = name;
	if (strlen(buf) != len) {
		error("index: %s: holds a NUL byte, not a sysatlas index text", name);
		goto cleanup;
	}
	if (import_split(&im, buf) || db_begin(db))
		goto cleanup;
	if (import_pass(&im, 0) || import_pass(&im, 1)) {
		db_rollback(db);
		goto cleanup;
	}
	for (i = 0; i < NSPECS; i++) {
		db_finalize(im.st[i]);
		im.st[i] = NULL;
	}
	if (db_commit(db))
		goto cleanup;
	rc = 0;
cleanup:
	for (i = 0; i < NSPECS; i++)
		db_finalize(im.st[i]);
	for (i = 0; i < im.ntrees; i++) {
		free(im.trees[i].kind);
		strmap_release(&im.trees[i].files);
		strmap_release(&im.trees[i].symbols);
	}
	free(im.trees);
	free(im.recs);
	free(buf);
	return rc;
}

/* --- the command ----------------------------------------------------- */

/* Write all of sb to fd; 0 or -1 after error(). */
static int write_all(int fd, const struct strbuf *sb, const char *what)
{
	size_t off = 0;

	while (off < sb->len) {
		ssize_t n = write(fd, sb->buf + off, sb->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error_errno("index: write %s", what);
		off += (size_t)n;
	}
	return 0;
}

static int cmd_export(const char *from, const char *out, int force)
{
	struct strbuf text = STRBUF_INIT;
	struct outfile of = { 0 };
	sqlite3 *db = NULL;
	int to_stdout = !out || !strcmp(out, "-"), rc = 1, fd = -1;

	if (!to_stdout) {
		struct outfile *outs[1] = { &of };
		struct outfile_input in = { "--export-text", from };

		if (outfile_check(&of, "-o", out, (force ? OUTFILE_FORCE : 0) | OUTFILE_STREAM_OK) < 0 ||
		    outfile_distinct(outs, 1, &in, 1) < 0)
			goto cleanup;
	}
	if (db_open(&db, from, &db_schema_index, DB_READONLY | DB_OLDER_OK))
		goto cleanup;
	if (index_text_export(db, &text))
		goto cleanup;
	if (to_stdout) {
		if (fwrite(text.buf, 1, text.len, stdout) != text.len || fflush(stdout)) {
			error_errno("index: write to stdout");
			goto cleanup;
		}
	} else {
		fd = outfile_open(&of);
		if (fd < 0 || write_all(fd, &text, out) < 0)
			goto cleanup;
		if (close(fd) < 0) {
			fd = -1;
			error_errno("index: write %s", out);
			goto cleanup;
		}
		fd = -1;
		if (outfile_commit(&of) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	outfile_abort(&of);
	outfile_release(&of);
	db_close(db);
	strbuf_release(&text);
	return rc;
}

static int cmd_import(const char *from, const char *out, int force)
{
	struct strbuf text = STRBUF_INIT;
	struct outfile of = { 0 };
	struct outfile *outs[1] = { &of };
	struct outfile_input in = { "--import-text", from };
	sqlite3 *db = NULL;
	int rc = 1, fd;

	if (outfile_check(&of, "-o", out, (force ? OUTFILE_FORCE : 0) | OUTFILE_DISCARD_OK) < 0 ||
	    outfile_distinct(outs, 1, &in, 1) < 0)
		goto cleanup;
	/* a pipe is welcome (`--import-text <(xz -dc i.tsv.xz)`), a FIFO nobody writes is not */
	if (infile_read(&text, from, INFILE_PIPE_OK) < 0)
		goto cleanup;
	/* write next to the target, rename when complete */
	fd = outfile_open(&of);
	if (fd < 0)
		goto cleanup;
	close(fd);
	if (db_open(&db, of.tmp, &db_schema_index, DB_CREATE))
		goto cleanup;
	if (index_text_import(db, text.buf, text.len, from) || db_make_standalone(db))
		goto cleanup;
	rc = db_close(db) < 0 ? 1 : 0;
	db = NULL;
	if (rc == 0 && outfile_commit(&of) < 0)
		rc = 1;
cleanup:
	db_close(db);
	outfile_abort(&of);
	outfile_release(&of);
	strbuf_release(&text);
	return rc;
}

int index_text_cmd(const char *export_from, const char *import_from,
		   const char *out, int force)
{
	return export_from ? cmd_export(export_from, out, force)
			   : cmd_import(import_from, out, force);
}
