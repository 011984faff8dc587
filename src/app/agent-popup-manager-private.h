/* agent-popup-manager-private.h — what the pop-up manager's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* agent-popup-manager-warm.c */
void agent_popup_manager_prepare_renderer (GtkWindow      *popup,
                                           GtkApplication *application);

G_END_DECLS
