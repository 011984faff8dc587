/* agent-phone-row.h — one phone number of a customer being edited: number, type, contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AGENT_TYPE_PHONE_ROW (agent_phone_row_get_type ())

G_DECLARE_FINAL_TYPE (AgentPhoneRow, agent_phone_row, AGENT, PHONE_ROW, GtkListBoxRow)

GtkWidget   *agent_phone_row_new            (void);
char        *agent_phone_row_dup_phone      (AgentPhoneRow *self);
void         agent_phone_row_set_phone      (AgentPhoneRow *self,
                                             const char    *phone);
char        *agent_phone_row_dup_phone_type (AgentPhoneRow *self);
void         agent_phone_row_set_phone_type (AgentPhoneRow *self,
                                             const char    *phone_type);
char        *agent_phone_row_dup_link_man   (AgentPhoneRow *self);
void         agent_phone_row_set_link_man   (AgentPhoneRow *self,
                                             const char    *link_man);
void         agent_phone_row_set_types      (AgentPhoneRow *self,
                                             GListModel    *codes);
void         agent_phone_row_set_error      (AgentPhoneRow *self,
                                             gboolean       error);
gboolean     agent_phone_row_is_empty       (AgentPhoneRow *self);

G_END_DECLS
