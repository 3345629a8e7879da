# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AMI and sharing flows: copies, retention, launch permissions, KMS grants, RAM shares and VM import/export."""
