#include <string.h>

#include "error.h"
#include "path-build.h"

const char *const sp_section_titles[SP_NR_SECTIONS] = {
	[SP_ENTER] = "entry and syscall-enter stop",
	[SP_DISPATCH] = "dispatch",
	[SP_DEFINITION] = "definition",
	[SP_EXIT] = "syscall-exit stop",
};

const char *const sp_section_paths[SP_NR_SECTIONS] = {
	[SP_ENTER] = "syscall-enter",
	[SP_DISPATCH] = "syscall-dispatch",
	[SP_DEFINITION] = NULL,
	[SP_EXIT] = "syscall-exit",
};

static void symbol_copy(struct ix_symbol *dst, const struct ix_symbol *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->id = src->id;
	dst->name = src->name ? xstrdup(src->name) : NULL;
	dst->kind = src->kind ? xstrdup(src->kind) : NULL;
	dst->file = src->file ? xstrdup(src->file) : NULL;
	dst->line = src->line;
	dst->end_line = src->end_line;
	dst->signature = src->signature ? xstrdup(src->signature) : NULL;
}

int syscall_path_build(struct syscall_path *sp, struct ix *ix, const char *name,
		       const char *abi)
{
	int i, n;

	memset(sp, 0, sizeof(*sp));
	sp->ix = ix;
	n = ix_syscall_find(ix, name, &sp->rows);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!abi || !strcmp(sp->rows.items[i].abi, abi)) {
			sp->main = &sp->rows.items[i];
			break;
		}
	}
	if (!sp->main) {
		syscall_path_release(sp);
		return 1;
	}
	for (i = 0; i < SP_NR_SECTIONS; i++) {
		struct sp_section *sec = &sp->sections[i];

		sec->title = sp_section_titles[i];
		sec->path_name = sp_section_paths[i];
		if (sec->path_name) {
			if (ix_path_load(ix, ix->kernel.id, sec->path_name, &sec->path) < 0)
				goto fail;
			continue;
		}
		sec->path.name = xstrdup("definition");
		if (sp->main->definition.id) {
			sec->path.steps = xcalloc(1, sizeof(*sec->path.steps));
			sec->path.nr_steps = 1;
			symbol_copy(&sec->path.steps[0].sym, &sp->main->definition);
		}
	}
	/* A dispatch path that ends in this very definition shows it once. */
	{
		struct ix_path *d = &sp->sections[SP_DISPATCH].path;

		if (d->nr_steps > 1 && sp->main->definition.id &&
		    d->steps[d->nr_steps - 1].sym.id == sp->main->definition.id) {
			ix_symbol_release(&d->steps[d->nr_steps - 1].sym);
			d->nr_steps--;
		}
	}
	return 0;
fail:
	syscall_path_release(sp);
	return -1;
}

void syscall_path_release(struct syscall_path *sp)
{
	int i;

	for (i = 0; i < SP_NR_SECTIONS; i++)
		ix_path_release(&sp->sections[i].path);
	ix_syscall_list_release(&sp->rows);
	memset(sp, 0, sizeof(*sp));
}
