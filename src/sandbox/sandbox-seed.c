/* sandbox-seed.c — the demo tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-seed"

#include "config.h"

#include "sandbox-db.h"

gboolean
sandbox_seed_demo (SandboxDb              *db,
                   const SandboxSeedSize  *size,
                   GError                **error)
{
  return TRUE;
}
