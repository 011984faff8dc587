/* sandbox-methods-data.c — the data side's method table, gathered from its areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

const SandboxMethod *
sandbox_methods_data (void)
{
  static GArray *table = NULL;

  if (g_once_init_enter (&table))
    {
      const SandboxMethod *areas[] = {
        sandbox_methods_data_customers,
        sandbox_methods_data_memos,
        sandbox_methods_data_records,
        sandbox_methods_data_admin,
        sandbox_methods_data_tasks,
      };
      GArray *all = g_array_new (TRUE, TRUE, sizeof (SandboxMethod));

      for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
        for (const SandboxMethod *m = areas[i]; m->name != NULL; m++)
          g_array_append_val (all, *m);

      g_once_init_leave (&table, all);
    }

  return (const SandboxMethod *) table->data;
}
