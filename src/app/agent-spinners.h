/* agent-spinners.h — spinners spin only while they are on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void agent_spinners_install (void);

G_END_DECLS
