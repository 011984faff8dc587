/* sandbox-methods-data-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

const SandboxMethod sandbox_methods_data_admin[] = {
  { NULL }
};
