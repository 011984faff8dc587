/* agent-customer-private.h — what the customer record's widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean     agent_customer_is_blank        (const char *text);
void         agent_customer_list_box_clear  (GtkListBox *list);
GtkWidget   *agent_customer_text_row        (const char *title,
                                             const char *subtitle);
char        *agent_customer_format_time     (GDateTime  *time);

G_END_DECLS
