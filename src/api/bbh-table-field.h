/* bbh-table-field.h — one customer field and its label, as getTableFields answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_TABLE_FIELD (bbh_table_field_get_type ())

G_DECLARE_FINAL_TYPE (BbhTableField, bbh_table_field, BBH, TABLE_FIELD, GObject)

const char  *bbh_table_field_get_name   (BbhTableField *self);
const char  *bbh_table_field_get_label  (BbhTableField *self);
char        *bbh_table_field_dup_field  (BbhTableField *self,
                                         const char    *member);

G_END_DECLS
