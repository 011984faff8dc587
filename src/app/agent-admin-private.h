/* agent-admin-private.h — what the administrator pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"

G_BEGIN_DECLS

/* How many numbers one addBlacklists / delBlacklists request carries. */
#define AGENT_ADMIN_PHONE_BATCH 500

AdwMessageDialog *agent_admin_dialog_new          (GtkWidget     *widget,
                                                   const char    *heading,
                                                   const char    *body);
void              agent_admin_toast               (GtkWidget     *widget,
                                                   const char    *message);
gboolean          agent_admin_error_is_denied     (const GError  *error);
void              agent_admin_show_failure        (GtkStack      *stack,
                                                   AdwStatusPage *denied_page,
                                                   AdwStatusPage *error_page,
                                                   const GError  *error);
char             *agent_admin_normalize_phone     (const char    *text,
                                                   GError       **error);
GPtrArray        *agent_admin_split_phones        (const char    *text,
                                                   GPtrArray    **out_invalid);
char             *agent_admin_format_duration     (gint64         seconds);
char             *agent_admin_format_count        (guint64        count);
GDateTime        *agent_admin_parse_local_time    (const char    *text);
void              agent_admin_combo_row_show_whole (AdwComboRow  *row);

G_END_DECLS
