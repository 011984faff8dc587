/* bbh-extension.h — the logged-in agent, as getExtension answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_EXTENSION (bbh_extension_get_type ())

G_DECLARE_FINAL_TYPE (BbhExtension, bbh_extension, BBH, EXTENSION, GObject)

gint64       bbh_extension_get_id                  (BbhExtension *self);
const char  *bbh_extension_get_name                (BbhExtension *self);
const char  *bbh_extension_get_extension           (BbhExtension *self);
const char  *bbh_extension_get_company_number      (BbhExtension *self);
const char  *bbh_extension_get_company_name        (BbhExtension *self);
gboolean     bbh_extension_get_hide_phone_numbers  (BbhExtension *self);
int          bbh_extension_get_login_type          (BbhExtension *self);
int          bbh_extension_get_status              (BbhExtension *self);
gboolean     bbh_extension_get_is_admin            (BbhExtension *self);
const char  *bbh_extension_get_session_id          (BbhExtension *self);
gint64       bbh_extension_get_company_id          (BbhExtension *self);
const char  *bbh_extension_get_login_line          (BbhExtension *self);

G_END_DECLS
